/**
 * Demo data: product lines and products, hospitals and their departments, two tiers of dealers with their credit,
 * contacts and qualifications. The same seed and the same `today` give the same rows; qualification dates are
 * relative to `today`, so that some licences are always about to expire.
 */
import type { DataRow, RecordData } from '../../../engine/src/plugin-api.ts';
import { gs1CheckDigit } from '../lib/gs1.ts';
import { normalizeHospitalName } from '../lib/hospital-name.ts';
import { regionName, regionsIn } from '../lib/regions.ts';
import { creditCodeCheckCharacter } from '../lib/uscc.ts';

export default function generateDemoData(seed = 20261125, today = new Date()): DataRow[] {
  const random = new Random(seed);
  const calendar = new Calendar(today);
  const dealers = dealerSpecs(random);
  return [
    ...productRows(random),
    ...hospitalRows(random),
    ...dealers.map(dealerRow),
    ...dealers.flatMap((dealer) => creditRows(random, dealer)),
    ...dealers.flatMap((dealer) => contactRows(random, dealer)),
    ...qualificationRows(random, calendar, dealers),
  ];
}

// ── Products ────────────────────────────────────────────────────────────────────────────────────────────────────

/** `registrant` is the province of the subsidiary that registers the line's class II products (沪械注准…). */
const PRODUCT_LINES = [
  { code: 'IVD', name: '体外诊断试剂', description: '化学发光免疫、生化与糖化检测试剂及配套分析仪', registrant: '沪' },
  { code: 'IMG', name: '影像设备', description: 'DR、CT、磁共振、超声与血管造影设备', registrant: '沪' },
  { code: 'CVI', name: '心血管介入耗材', description: '冠脉支架、球囊导管、导丝及介入附件', registrant: '川' },
];

/** [line, name, model/spec, device class, unit, category of the 2017 classification (for the registration number), still sold (default true)] */
type ProductSpec = [string, string, string, 'I' | 'II' | 'III', string, string, boolean?];
const PRODUCTS: ProductSpec[] = [
  ['IVD', '肌钙蛋白I测定试剂盒（化学发光法）', '100人份/盒', 'II', '盒', '40'],
  ['IVD', 'N末端脑钠肽前体测定试剂盒（化学发光法）', '100人份/盒', 'II', '盒', '40'],
  ['IVD', '降钙素原测定试剂盒（化学发光法）', '50人份/盒', 'II', '盒', '40'],
  ['IVD', '乙型肝炎病毒表面抗原检测试剂盒（化学发光法）', '100人份/盒', 'III', '盒', '40'],
  ['IVD', '人类免疫缺陷病毒抗原抗体检测试剂盒（化学发光法）', '100人份/盒', 'III', '盒', '40'],
  ['IVD', '丙型肝炎病毒抗体检测试剂盒（化学发光法）', '100人份/盒', 'III', '盒', '40'],
  ['IVD', '梅毒螺旋体抗体检测试剂盒（化学发光法）', '100人份/盒', 'III', '盒', '40'],
  ['IVD', 'C反应蛋白测定试剂盒（免疫比浊法）', 'R1:2×60mL R2:1×30mL', 'II', '盒', '40'],
  ['IVD', 'D-二聚体测定试剂盒（免疫比浊法）', 'R1:2×40mL R2:2×10mL', 'II', '盒', '40'],
  ['IVD', '糖化血红蛋白测定试剂盒（高效液相色谱法）', '200测试/盒', 'II', '盒', '40'],
  ['IVD', '全自动化学发光免疫分析仪', 'QD-CL 6000', 'II', '台', '22'],
  ['IVD', '全自动化学发光免疫分析仪', 'QD-CL 3000', 'II', '台', '22', false],
  ['IVD', '全自动生化分析仪', 'QD-BC 800', 'II', '台', '22'],
  ['IVD', '化学发光底物液', '2×100mL', 'I', '瓶', '22'],
  ['IVD', '清洗液', '10L/瓶', 'I', '瓶', '22'],
  ['IVD', '样本稀释液', '2×50mL', 'I', '瓶', '22'],
  ['IMG', '数字化医用X射线摄影系统', 'QD-DR 7600', 'II', '台', '06'],
  ['IMG', '移动式数字化医用X射线摄影系统', 'QD-MDR 360', 'II', '台', '06'],
  ['IMG', 'X射线计算机体层摄影设备', 'QD-CT 128', 'III', '台', '06'],
  ['IMG', 'X射线计算机体层摄影设备', 'QD-CT 64', 'III', '台', '06', false],
  ['IMG', '超导磁共振成像系统', 'QD-MR 1.5T', 'III', '台', '06'],
  ['IMG', '彩色多普勒超声诊断系统', 'QD-US 80', 'II', '台', '06'],
  ['IMG', '便携式彩色多普勒超声诊断系统', 'QD-US 20P', 'II', '台', '06'],
  ['IMG', '数字减影血管造影X射线机', 'QD-DSA 2000', 'III', '台', '06'],
  ['IMG', '乳腺X射线摄影系统', 'QD-MG 50', 'II', '台', '06'],
  ['IMG', '超声探头', 'C5-1 凸阵', 'II', '个', '06'],
  ['CVI', '钴基合金雷帕霉素洗脱冠脉支架系统', '3.0×18mm', 'III', '套', '13'],
  ['CVI', '钴基合金雷帕霉素洗脱冠脉支架系统', '2.75×24mm', 'III', '套', '13'],
  ['CVI', 'PTCA球囊扩张导管', '2.5×15mm', 'III', '支', '03'],
  ['CVI', '非顺应性PTCA球囊扩张导管', '3.0×12mm', 'III', '支', '03'],
  ['CVI', '药物涂层冠脉球囊导管', '3.0×20mm', 'III', '支', '03'],
  ['CVI', '冠状动脉导引导丝', '0.014in×190cm', 'III', '支', '03'],
  ['CVI', '导引导管', '6F JL3.5', 'III', '支', '03'],
  ['CVI', '一次性使用造影导管', '5F TIG 100cm', 'II', '支', '03'],
  ['CVI', '动脉鞘管套件', '6F 11cm', 'II', '套', '03'],
  ['CVI', '一次性使用压力延长管', '120cm', 'II', '支', '03'],
  ['CVI', '一次性使用三联三通', '右手型', 'II', '套', '03'],
  ['CVI', 'Y型止血阀', '9F 推拉式', 'II', '个', '03'],
  ['CVI', '球囊扩张压力泵', '30atm 20mL', 'II', '个', '03'],
  ['CVI', '导丝扭控器', '0.010-0.018in', 'I', '个', '03'],
];
/** A GS1 China company prefix (69…). */
const GS1_COMPANY_PREFIX = '6975012';

function productRows(random: Random): DataRow[] {
  const lines = PRODUCT_LINES.map(({ code, name, description }) => row('product_line', `line-${code}`, { name, code, description, active: true }));
  const registrations = new Map<string, string>();
  const products = PRODUCTS.map(([line, name, model_spec, device_class, unit, category, active = true], i) => {
    const registrant = PRODUCT_LINES.find((l) => l.code === line)!.registrant;
    // One registration certificate covers every model of a product.
    if (!registrations.has(name)) registrations.set(name, registrationNumber(random, registrant, device_class, category));
    const gtin = `0${GS1_COMPANY_PREFIX}${String(i + 1).padStart(5, '0')}`;
    return row('product', `product-${i + 1}`, {
      name, model_spec, product_line: ref(`line-${line}`), gtin: gtin + gs1CheckDigit(gtin), registration_no: registrations.get(name), device_class, unit, active,
    });
  });
  return [...lines, ...products];
}

/** 国械注准 + year + class + category + serial for class III; the registrant's province for class II; a filing for class I. */
function registrationNumber(random: Random, registrant: string, deviceClass: string, category: string): string {
  const year = random.int(2016, 2025);
  const serial = String(random.int(1, 9999)).padStart(4, '0');
  if (deviceClass === 'I') return `${registrant}械备${year}${serial}号`;
  return deviceClass === 'III' ? `国械注准${year}3${category}${serial}` : `${registrant}械注准${year}2${category}${serial}`;
}

// ── Hospitals ───────────────────────────────────────────────────────────────────────────────────────────────────

interface City {
  code: string;
  /** Approximate centre, GCJ-02. */
  at: [number, number];
  /** Short name in licence numbers (粤穗药监械经营许…). */
  abbr: string;
  universities?: string[];
}

const PROVINCES: { code: string; abbr: string; cities: City[] }[] = [
  { code: '110000', abbr: '京', cities: [{ code: '110100', at: [39.904, 116.407], abbr: '', universities: ['首都医科大学', '北京中医药大学'] }] },
  { code: '310000', abbr: '沪', cities: [{ code: '310100', at: [31.23, 121.474], abbr: '', universities: ['复旦大学', '上海交通大学医学院'] }] },
  { code: '440000', abbr: '粤', cities: [
    { code: '440100', at: [23.129, 113.264], abbr: '穗', universities: ['中山大学', '南方医科大学', '广州医科大学'] },
    { code: '440300', at: [22.543, 114.058], abbr: '深' }, { code: '440600', at: [23.022, 113.122], abbr: '佛' },
    { code: '440400', at: [22.271, 113.577], abbr: '珠' }, { code: '440500', at: [23.354, 116.682], abbr: '汕' },
    { code: '441300', at: [23.111, 114.416], abbr: '惠' },
  ] },
  { code: '510000', abbr: '川', cities: [
    { code: '510100', at: [30.573, 104.066], abbr: '蓉', universities: ['四川大学', '成都中医药大学'] },
    { code: '510700', at: [31.468, 104.679], abbr: '绵' }, { code: '510600', at: [31.127, 104.398], abbr: '德' },
    { code: '511300', at: [30.837, 106.11], abbr: '充', universities: ['川北医学院'] },
    { code: '510500', at: [28.872, 105.442], abbr: '泸', universities: ['西南医科大学'] }, { code: '511500', at: [28.752, 104.643], abbr: '宜' },
  ] },
  { code: '330000', abbr: '浙', cities: [
    { code: '330100', at: [30.274, 120.155], abbr: '杭', universities: ['浙江大学医学院', '浙江中医药大学'] },
    { code: '330200', at: [29.868, 121.544], abbr: '甬' }, { code: '330300', at: [27.994, 120.699], abbr: '温', universities: ['温州医科大学'] },
    { code: '330600', at: [30.03, 120.58], abbr: '绍' }, { code: '330400', at: [30.746, 120.755], abbr: '嘉' },
    { code: '330700', at: [29.079, 119.647], abbr: '金' },
  ] },
];
const HOSPITALS_PER_PROVINCE = 60;
const NUMERALS = ['一', '二', '三', '四', '五'];
const LEVELS = ['3A', '3B', '2A', '2B', '1'];
const DEPARTMENTS: [string, string][] = [
  ['心内科', 'XNK'], ['检验科', 'JYK'], ['放射科', 'FSK'], ['急诊科', 'JZK'], ['重症医学科', 'ZZYXK'], ['心外科', 'XWK'],
  ['超声医学科', 'CSYXK'], ['导管室', 'DGS'], ['神经内科', 'SJNK'], ['呼吸与危重症医学科', 'HXK'], ['病理科', 'BLK'], ['介入科', 'JRK'],
];
const STREETS = ['人民路', '解放路', '中山路', '建设路', '文化路', '健康路', '滨江路', '新华路', '青年路', '学府路', '长兴街', '和平大道'];

interface HospitalSpec {
  name: string;
  aliases: string[];
  /** Index into LEVELS of the best and the worst level the hospital may have. */
  levels: [number, number];
  district?: string;
}

function hospitalRows(random: Random): DataRow[] {
  const taken = new Set<string>();
  const rows: DataRow[] = [];
  let hospitals = 0;
  for (const province of PROVINCES) {
    const candidates = random.shuffle(province.cities.flatMap((city) => hospitalSpecs(city).map((spec) => ({ city, spec }))));
    const end = hospitals + HOSPITALS_PER_PROVINCE;
    for (const { city, spec } of candidates) {
      if (hospitals === end) break;
      // Names and aliases must stay unique once normalised, or flow data could not be matched to one hospital.
      const keys = [spec.name, ...spec.aliases].map(normalizeHospitalName);
      if (keys.some((key) => taken.has(key))) continue;
      keys.forEach((key) => taken.add(key));
      rows.push(...hospitalWithDepartments(random, `hospital-${hospitals++}`, province.code, city, spec));
    }
  }
  return rows;
}

function hospitalSpecs(city: City): HospitalSpec[] {
  const cityName = regionName(city.code)!;
  const specs: HospitalSpec[] = [
    ...NUMERALS.map((n, i): HospitalSpec => ({ name: `${cityName}第${n}人民医院`, aliases: [`${cityName}${n}医院`], levels: [Math.min(i, 2), Math.min(i + 1, 3)] })),
    { name: `${cityName}中心医院`, aliases: [], levels: [0, 1] },
    { name: `${cityName}中医院`, aliases: [`${cityName}中医医院`], levels: [0, 2] },
    { name: `${cityName}妇幼保健院`, aliases: [], levels: [1, 2] },
    { name: `${cityName}儿童医院`, aliases: [], levels: [0, 2] },
    { name: `${cityName}肿瘤医院`, aliases: [], levels: [1, 2] },
    { name: `${cityName}骨科医院`, aliases: [], levels: [2, 3] },
    ...(city.universities ?? []).flatMap((u): HospitalSpec[] => [
      { name: `${u}附属第一医院`, aliases: [`${u}附一院`], levels: [0, 0] },
      { name: `${u}附属第二医院`, aliases: [`${u}附二院`], levels: [0, 0] },
      { name: `${u}附属第一医院（东院）`, aliases: [], levels: [0, 1] },
    ]),
  ];
  for (const district of regionsIn(city.code)) {
    const districtName = regionName(district)!;
    const name = districtLabel(city.code, district);
    const aliases = name === districtName ? [] : [`${districtName}人民医院`];
    specs.push(
      { name: `${name}人民医院`, aliases, levels: [2, 3], district },
      { name: `${name}中医医院`, aliases: [], levels: [2, 3], district },
      { name: `${name}妇幼保健院`, aliases: [], levels: [3, 3], district },
      { name: `${name}第二人民医院`, aliases: [], levels: [3, 4], district },
    );
  }
  return specs;
}

function hospitalWithDepartments(random: Random, key: string, province: string, city: City, spec: HospitalSpec): DataRow[] {
  const district = spec.district ?? random.pick(urbanDistricts(city.code));
  const hospital = row('hospital', key, {
    name: spec.name,
    ...(spec.aliases.length > 0 && random.chance(0.5) ? { aliases: spec.aliases.join('\n') } : {}),
    level: LEVELS[random.int(...spec.levels)],
    province,
    city: city.code,
    district,
    address: address(random, province, city.code, district),
    location: { lat: round(city.at[0] + random.between(-0.12, 0.12), 6), lng: round(city.at[1] + random.between(-0.15, 0.15), 6) },
  });
  const departments = random.sample(DEPARTMENTS, random.int(2, 5)).map(([name, code], i) => row('department', `${key}-department-${i}`, { name, hospital: ref(key), code }));
  return [hospital, ...departments];
}

/** A 区 is named with its city (广州市天河区); a 县 or 县级市 stands alone (简阳市). */
function districtLabel(city: string, district: string): string {
  const name = regionName(district)!;
  return name.endsWith('区') ? regionName(city)! + name : name;
}

/** The districts (区) of a city, where its city-level hospitals and larger companies are; all of them if it has none. */
function urbanDistricts(city: string): string[] {
  const districts = regionsIn(city);
  const urban = districts.filter((code) => regionName(code)!.endsWith('区'));
  return urban.length > 0 ? urban : districts;
}

function address(random: Random, province: string, city: string, district: string): string {
  // A municipality's city carries its own name: 北京市朝阳区…, not 北京市北京市朝阳区….
  const place = [province, city, district].map((code) => regionName(code)!).filter((name, i, names) => names.indexOf(name) === i);
  return `${place.join('')}${random.pick(STREETS)}${random.int(1, 999)}号`;
}

// ── Dealers ─────────────────────────────────────────────────────────────────────────────────────────────────────

const PLATFORMS_PER_PROVINCE = 2;
const LEVEL_2_PER_PROVINCE = 10;
/** [brand, its pinyin for e-mail domains] */
const BRANDS: [string, string][] = [
  ['康达', 'kangda'], ['华健', 'huajian'], ['瑞康', 'ruikang'], ['恒泰', 'hengtai'], ['信诚', 'xincheng'], ['佳禾', 'jiahe'],
  ['博远', 'boyuan'], ['众合', 'zhonghe'], ['安泰', 'antai'], ['德润', 'derun'], ['鼎盛', 'dingsheng'], ['海川', 'haichuan'],
  ['和信', 'hexin'], ['嘉诚', 'jiacheng'], ['金桥', 'jinqiao'], ['君安', 'junan'], ['凯瑞', 'kairui'], ['立诚', 'licheng'],
  ['明德', 'mingde'], ['普华', 'puhua'], ['启元', 'qiyuan'], ['仁和', 'renhe'], ['盛世', 'shengshi'], ['天诚', 'tiancheng'],
  ['万康', 'wankang'], ['祥瑞', 'xiangrui'], ['新元', 'xinyuan'], ['亿康', 'yikang'], ['永信', 'yongxin'], ['裕华', 'yuhua'],
];
const COMPANY_SUFFIXES = ['医疗器械有限公司', '医药有限公司', '医疗科技有限公司', '医疗设备有限公司', '生物科技有限公司'];
const SELLING_ENTITIES = ['渠道医疗科技（上海）有限公司', '渠道医疗（成都）有限公司'];

interface DealerSpec {
  key: string;
  name: string;
  domain: string;
  tier: 'platform' | 'level_2';
  parent?: string;
  status: string;
  province: (typeof PROVINCES)[number];
  city: City;
  district: string;
  creditCode: string;
  address: string;
}

function dealerSpecs(random: Random): DealerSpec[] {
  const dealers: DealerSpec[] = [];
  for (const province of PROVINCES) {
    const brands = random.sample(BRANDS, PLATFORMS_PER_PROVINCE + LEVEL_2_PER_PROVINCE);
    const platforms: string[] = [];
    brands.forEach(([brand, pinyin], i) => {
      const tier = i < PLATFORMS_PER_PROVINCE ? 'platform' : 'level_2';
      const city = tier === 'platform' ? province.cities[0] : random.pick(province.cities);
      const district = random.pick(urbanDistricts(city.code));
      const place = (tier === 'platform' ? regionName(province.code) : regionName(city.code))!.replace(/[省市]$/, '');
      const key = `dealer-${dealers.length}`;
      if (tier === 'platform') platforms.push(key);
      dealers.push({
        key, tier, province, city, district,
        name: place + brand + (tier === 'platform' ? '医药有限公司' : random.pick(COMPANY_SUFFIXES)),
        domain: `${pinyin}${random.pick(['med', 'yy', 'yiliao'])}.com`,
        parent: tier === 'level_2' ? random.pick(platforms) : undefined,
        status: tier === 'platform' ? 'active' : random.weighted({ active: 8, evaluating: 1, temporary: 1 }),
        creditCode: creditCode(random, district),
        address: address(random, province.code, city.code, district),
      });
    });
  }
  return dealers;
}

function dealerRow(dealer: DealerSpec): DataRow {
  return row('dealer', dealer.key, {
    name: dealer.name,
    credit_code: dealer.creditCode,
    tier: dealer.tier,
    ...(dealer.parent ? { parent: ref(dealer.parent) } : {}),
    status: dealer.status,
    channel_manager: 'channel.manager',
    region: dealer.province.code,
    address: dealer.address,
  });
}

function creditRows(random: Random, dealer: DealerSpec): DataRow[] {
  if (dealer.tier !== 'platform') return [];
  return random.sample(SELLING_ENTITIES, random.int(1, 2)).map((entity) => row('dealer_credit', undefined, {
    dealer: ref(dealer.key),
    selling_entity: entity,
    credit_limit: `${random.int(10, 80) * 100_000}.00`,
    payment_terms_days: random.pick([30, 60, 90]),
  }));
}

const SURNAMES: [string, string][] = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'], ['赵', 'zhao'],
  ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'], ['胡', 'hu'], ['郭', 'guo'], ['林', 'lin'], ['何', 'he'],
];
const GIVEN_NAMES: [string, string][] = [
  ['伟', 'wei'], ['芳', 'fang'], ['敏', 'min'], ['静', 'jing'], ['磊', 'lei'], ['强', 'qiang'], ['洋', 'yang'], ['勇', 'yong'], ['杰', 'jie'],
  ['涛', 'tao'], ['秀英', 'xiuying'], ['建华', 'jianhua'], ['志强', 'zhiqiang'], ['晓燕', 'xiaoyan'], ['文博', 'wenbo'], ['俊杰', 'junjie'],
  ['丽华', 'lihua'], ['雨萱', 'yuxuan'], ['海峰', 'haifeng'], ['欣怡', 'xinyi'],
];
const CONTACT_TITLES = ['销售经理', '采购主管', '财务经理', '商务专员', '售后工程师', '订单专员'];
const MOBILE_PREFIXES = ['130', '133', '135', '136', '138', '139', '150', '151', '153', '155', '158', '159', '180', '181', '186', '187', '188', '189'];

function contactRows(random: Random, dealer: DealerSpec): DataRow[] {
  const titles = ['总经理', ...random.sample(CONTACT_TITLES, 2)];
  return titles.slice(0, random.int(1, 3)).map((title, i) => {
    const [surname, surnamePinyin] = random.pick(SURNAMES);
    const [given, givenPinyin] = random.pick(GIVEN_NAMES);
    const mailbox = random.chance(0.7) ? `${givenPinyin}.${surnamePinyin}@${dealer.domain}` : `${surnamePinyin}${givenPinyin}${random.int(1, 99)}@${random.pick(['163.com', 'qq.com'])}`;
    return row('dealer_contact', undefined, {
      dealer: ref(dealer.key), name: surname + given, title, phone: random.pick(MOBILE_PREFIXES) + random.digits(8), email: mailbox, is_primary: i === 0,
    });
  });
}

// ── Qualifications ──────────────────────────────────────────────────────────────────────────────────────────────

/** Days from today to the expiry of the first operation licences, so reminders at 60/30/7 days and a block have work. */
const EXPIRING_IN_DAYS = [-12, 3, 6, 11, 19, 26, 38, 47, 58];

function qualificationRows(random: Random, calendar: Calendar, dealers: DealerSpec[]): DataRow[] {
  const holders = dealers.map((dealer) => ({ dealer, licensed: dealer.tier === 'platform' || random.chance(0.6) }));
  const expiring = random.shuffle(holders.filter((h) => h.licensed)).slice(0, EXPIRING_IN_DAYS.length);
  return holders.flatMap(({ dealer, licensed }) => {
    const slot = expiring.findIndex((h) => h.dealer === dealer);
    const expiresIn = slot >= 0 ? EXPIRING_IN_DAYS[slot] : random.int(75, 1700);
    return [businessLicence(random, calendar, dealer), licensed ? operationLicence(random, calendar, dealer, expiresIn) : classTwoFiling(random, calendar, dealer)];
  });
}

function businessLicence(random: Random, calendar: Calendar, dealer: DealerSpec): DataRow {
  const validFrom = calendar.date(-random.int(700, 5500));
  return row('qualification', undefined, {
    dealer: ref(dealer.key), type: 'business_licence', number: dealer.creditCode, valid_from: validFrom,
    ...(random.chance(0.3) ? { valid_to: calendar.yearsAfter(validFrom, 30) } : {}),
    issuer: `${regionName(dealer.city.code)}市场监督管理局`,
  });
}

function operationLicence(random: Random, calendar: Calendar, dealer: DealerSpec, expiresInDays: number): DataRow {
  const validTo = calendar.date(expiresInDays);
  const validFrom = calendar.yearsAfter(validTo, -5);
  return row('qualification', undefined, {
    dealer: ref(dealer.key), type: 'operation_licence', number: licenceNumber(random, dealer, '许', validFrom), scope_classes: ['II', 'III'],
    valid_from: validFrom, valid_to: validTo, issuer: `${regionName(dealer.city.code)}市场监督管理局`,
  });
}

/** A class II filing does not expire. */
function classTwoFiling(random: Random, calendar: Calendar, dealer: DealerSpec): DataRow {
  const validFrom = calendar.date(-random.int(60, 2500));
  return row('qualification', undefined, {
    dealer: ref(dealer.key), type: 'class2_filing', number: licenceNumber(random, dealer, '备', validFrom), scope_classes: ['II'],
    valid_from: validFrom, issuer: `${districtLabel(dealer.city.code, dealer.district)}市场监督管理局`,
  });
}

/** 浙杭药监械经营许20210123号, 京药监械经营备20190456号 */
function licenceNumber(random: Random, dealer: DealerSpec, kind: '许' | '备', validFrom: string): string {
  return `${dealer.province.abbr}${dealer.city.abbr}药监械经营${kind}${validFrom.slice(0, 4)}${random.digits(4)}号`;
}

// ── Codes ───────────────────────────────────────────────────────────────────────────────────────────────────────

const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** 9 (registered by market regulation) 1 (enterprise), the district, a GB 11714 organisation code, the GB 32100 check. */
function creditCode(random: Random, district: string): string {
  const body = 'MA' + Array.from({ length: 6 }, () => random.pick([...CREDIT_CODE_CHARSET])).join('');
  const first17 = `91${district}${body}${organisationCodeCheck(body)}`;
  return first17 + creditCodeCheckCharacter(first17);
}

function organisationCodeCheck(body: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, char, i) => total + parseInt(char, 36) * weights[i], 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : String(check % 11);
}

// ── Helpers ─────────────────────────────────────────────────────────────────────────────────────────────────────

function row(object: string, key: string | undefined, values: RecordData): DataRow {
  return key === undefined ? { object, values } : { object, key, values };
}

function ref(key: string): { $ref: string } {
  return { $ref: key };
}

function round(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}

/** mulberry32: small, fast and good enough for demo data. */
class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  digits(count: number): string {
    return Array.from({ length: count }, () => this.int(0, 9)).join('');
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  weighted<K extends string>(weights: Record<K, number>): K {
    const entries = Object.entries(weights) as [K, number][];
    let roll = this.next() * entries.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [key, weight] of entries) if ((roll -= weight) < 0) return key;
    return entries[entries.length - 1][0];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, count);
  }
}

/** Calendar dates (YYYY-MM-DD) counted from the local date of `today`. */
class Calendar {
  private readonly base: number;

  constructor(today: Date) {
    this.base = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  }

  date(daysFromToday: number): string {
    return new Date(this.base + daysFromToday * 86_400_000).toISOString().slice(0, 10);
  }

  /** The end (or, for negative `years`, the start) of a period of `years`: 2021-03-15 + 5 → 2026-03-14, and back. */
  yearsAfter(date: string, years: number): string {
    const shifted = new Date(`${date}T00:00:00Z`);
    shifted.setUTCFullYear(shifted.getUTCFullYear() + years);
    shifted.setUTCDate(shifted.getUTCDate() - Math.sign(years));
    return shifted.toISOString().slice(0, 10);
  }
}

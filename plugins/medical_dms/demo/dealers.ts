/** Demo dealers in two tiers, with their credit lines, contacts and qualifications (some about to expire). */
import type { DataRow } from '../../../engine/src/plugin-api.ts';
import { regionName } from '../lib/regions.ts';
import { creditCodeCheckCharacter } from '../lib/uscc.ts';
import { address, districtLabel, PROVINCES, urbanDistricts, type City } from './hospitals.ts';
import { ref, row, type Calendar, type Random } from './support.ts';

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

export interface DealerSpec {
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

export function dealerSpecs(random: Random): DealerSpec[] {
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

/** A dealer's row; `owner` is the user name of the channel-team member who owns it. */
export function dealerRow(dealer: DealerSpec, owner: string): DataRow {
  return row('dealer', dealer.key, {
    name: dealer.name,
    credit_code: dealer.creditCode,
    tier: dealer.tier,
    ...(dealer.parent ? { parent: ref(dealer.parent) } : {}),
    status: dealer.status,
    owner_id: ref(`user-${owner}`),
    channel_manager: owner,
    region: dealer.province.code,
    address: dealer.address,
  });
}

export function creditRows(random: Random, dealer: DealerSpec): DataRow[] {
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

export function contactRows(random: Random, dealer: DealerSpec): DataRow[] {
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

/** Days from today to the expiry of the first operation licences, so reminders at 60/30/7 days and a block have work. */
const EXPIRING_IN_DAYS = [-12, 3, 6, 11, 19, 26, 38, 47, 58];

/**
 * The dealer whose operation licence expired yesterday, so a class III grant for it is refused (README "Licences
 * block authorizations"): the first platform dealer of Guangdong, one of channel.manager's.
 */
export function lapsedDealer(dealers: readonly DealerSpec[]): DealerSpec {
  return dealers.find((dealer) => dealer.tier === 'platform' && dealer.province.code === '440000')!;
}

export function qualificationRows(random: Random, calendar: Calendar, dealers: DealerSpec[]): DataRow[] {
  const holders = dealers.map((dealer) => ({ dealer, licensed: dealer.tier === 'platform' || random.chance(0.6) }));
  const lapsed = lapsedDealer(dealers);
  const expiring = random.shuffle(holders.filter((h) => h.licensed && h.dealer !== lapsed)).slice(0, EXPIRING_IN_DAYS.length);
  return holders.flatMap(({ dealer, licensed }) => {
    const slot = expiring.findIndex((h) => h.dealer === dealer);
    const expiresIn = dealer === lapsed ? -1 : slot >= 0 ? EXPIRING_IN_DAYS[slot] : random.int(75, 1700);
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

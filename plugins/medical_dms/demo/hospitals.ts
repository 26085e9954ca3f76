/** Demo hospitals in real GB/T 2260 regions, with their departments; names unique once normalised. */
import type { DataRow } from '../../../engine/src/plugin-api.ts';
import { normalizeHospitalName } from '../lib/hospital-name.ts';
import { regionName, regionsIn } from '../lib/regions.ts';
import { ref, round, row, type Random } from './support.ts';

export interface City {
  code: string;
  /** Approximate centre, GCJ-02. */
  at: [number, number];
  /** Short name in licence numbers (粤穗药监械经营许…). */
  abbr: string;
  universities?: string[];
}

export const PROVINCES: { code: string; abbr: string; cities: City[] }[] = [
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
export const HOSPITALS_PER_PROVINCE = 60;
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

export function hospitalRows(random: Random): DataRow[] {
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
export function districtLabel(city: string, district: string): string {
  const name = regionName(district)!;
  return name.endsWith('区') ? regionName(city)! + name : name;
}

/** The districts (区) of a city, where its city-level hospitals and larger companies are; all of them if it has none. */
export function urbanDistricts(city: string): string[] {
  const districts = regionsIn(city);
  const urban = districts.filter((code) => regionName(code)!.endsWith('区'));
  return urban.length > 0 ? urban : districts;
}

export function address(random: Random, province: string, city: string, district: string): string {
  // A municipality's city carries its own name: 北京市朝阳区…, not 北京市北京市朝阳区….
  const place = [province, city, district].map((code) => regionName(code)!).filter((name, i, names) => names.indexOf(name) === i);
  return `${place.join('')}${random.pick(STREETS)}${random.int(1, 999)}号`;
}

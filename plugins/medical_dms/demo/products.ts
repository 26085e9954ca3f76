/** Demo product lines and products, with valid GTINs and realistic registration numbers. */
import type { DataRow } from '../../../engine/src/plugin-api.ts';
import { gs1CheckDigit } from '../lib/gs1.ts';
import { ref, row, type Random } from './support.ts';

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

export function productRows(random: Random): DataRow[] {
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

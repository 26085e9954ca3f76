import { describe, expect, it } from 'vitest';
import { normalizeHospitalName } from './hospital-name.ts';

describe('normalizeHospitalName', () => {
  it('gives the variants dealers type the same key', () => {
    const key = normalizeHospitalName('北京协和医院(东院)');
    for (const variant of ['北京协和医院（东院）', '北京协和医院 (东院)', ' 北京协和医院【东院】', '北京协和医院〔东院〕', '北京协和医院[东院]', '北京协和医院\u3000（ 东院 ）\t', '北京协和\u200b医院(东院)\n']) {
      expect(normalizeHospitalName(variant)).toBe(key);
    }
    expect(key).toBe('北京协和医院(东院)');
  });

  it('keeps different campuses and different hospitals apart', () => {
    expect(normalizeHospitalName('北京协和医院（西院）')).not.toBe(normalizeHospitalName('北京协和医院（东院）'));
    expect(normalizeHospitalName('北京协和医院')).not.toBe(normalizeHospitalName('北京协和医院（东院）'));
    expect(normalizeHospitalName('成都市第一人民医院')).not.toBe(normalizeHospitalName('成都市第二人民医院'));
  });

  it('turns full-width letters and digits into lower-case half-width ones', () => {
    expect(normalizeHospitalName('ＰＬＡ总医院第３医学中心')).toBe('pla总医院第3医学中心');
    expect(normalizeHospitalName('PLA 总医院 第3医学中心')).toBe('pla总医院第3医学中心');
    expect(normalizeHospitalName('ICU中心')).toBe(normalizeHospitalName('ｉｃｕ中心'));
  });

  it('drops the dots, dashes and underscores that separate parts of a name', () => {
    const key = normalizeHospitalName('中山大学附属第一医院-南沙院区');
    for (const variant of ['中山大学附属第一医院—南沙院区', '中山大学附属第一医院－南沙院区', '中山大学附属第一医院_南沙院区', '中山大学·附属第一医院·南沙院区', '中山大学附属第一医院．南沙院区']) {
      expect(normalizeHospitalName(variant)).toBe(key);
    }
  });
});

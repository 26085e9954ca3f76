import { describe, expect, it } from 'vitest';
import { cityOf, provinceOf, regionLevel, regionName, regionsIn } from './regions.ts';

describe('regions', () => {
  it('knows the three levels by six-digit code', () => {
    expect(regionLevel('440000')).toBe('province');
    expect(regionLevel('440100')).toBe('city');
    expect(regionLevel('440106')).toBe('district');
    expect(regionName('440000')).toBe('广东省');
    expect(regionName('440100')).toBe('广州市');
    expect(regionName('440106')).toBe('天河区');
  });

  it('does not know short, long, malformed or unused codes', () => {
    for (const code of ['44', '4401', '441900003', '', 'abcdef', '440199', '990000']) {
      expect(regionLevel(code)).toBeUndefined();
      expect(regionName(code)).toBeUndefined();
      expect(provinceOf(code)).toBeUndefined();
      expect(cityOf(code)).toBeUndefined();
      expect(regionsIn(code)).toEqual([]);
    }
  });

  it('finds the ancestors of a region', () => {
    expect(provinceOf('510107')).toBe('510000');
    expect(provinceOf('510100')).toBe('510000');
    expect(provinceOf('510000')).toBe('510000');
    expect(cityOf('510107')).toBe('510100');
    expect(cityOf('510100')).toBe('510100');
    expect(cityOf('510000')).toBeUndefined();
  });

  it('lists the cities of a province and the districts of a city', () => {
    expect(regionsIn('330000')).toEqual(['330100', '330200', '330300', '330400', '330500', '330600', '330700', '330800', '330900', '331000', '331100']);
    expect(regionsIn('330100')).toContain('330106');
    expect(regionsIn('330106')).toEqual([]);
  });

  it('gives the municipalities a city of their own, named after them', () => {
    expect(regionsIn('110000')).toEqual(['110100']);
    expect(regionName('110100')).toBe('北京市');
    expect(cityOf('110105')).toBe('110100');
    expect(regionName('110105')).toBe('朝阳区');
    expect(provinceOf('310115')).toBe('310000');
    expect(regionsIn('500000')).toEqual(['500100', '500200']);
    expect(regionName('500200')).toBe('重庆市');
    expect(cityOf('500229')).toBe('500200');
  });

  it('treats a city without districts as a city with no children', () => {
    expect(regionLevel('441900')).toBe('city');
    expect(regionName('441900')).toBe('东莞市');
    expect(regionsIn('441900')).toEqual([]);
  });
});

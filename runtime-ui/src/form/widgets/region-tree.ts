/** The GB/T 2260 tree of `/api/ui/regions` as Cascader options keyed by six-digit codes, and the path to a code. */
import { api } from '../../api/client.ts';

export interface Division {
  code: string;
  name: string;
  children?: Division[];
}

export interface RegionOption {
  value: string;
  label: string;
  children?: RegionOption[];
}

/** The municipalities' placeholder cities (北京 1101 市辖区) read better under the municipality's own name. */
const PLACEHOLDER_CITY_NAMES = new Set(['市辖区', '县']);

export const fetchRegions = () => api<Division[]>('/api/ui/regions');

export function regionOptions(divisions: Division[], parent?: RegionOption): RegionOption[] {
  return divisions
    .filter((d) => d.code.length <= 6)
    .map((d) => {
      const option: RegionOption = { value: d.code.padEnd(6, '0'), label: parent && PLACEHOLDER_CITY_NAMES.has(d.name) ? parent.label : d.name };
      const children = d.children?.length ? regionOptions(d.children, option) : [];
      if (children.length) option.children = children;
      return option;
    });
}

/** The codes from the province down to `code`: `110105` → [`110000`, `110100`, `110105`]. */
export function regionPath(code: string): string[] {
  const levels = [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code];
  return levels.filter((level, i) => i === 0 || level !== levels[i - 1]);
}

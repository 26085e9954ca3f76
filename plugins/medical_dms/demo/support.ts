/** What every demo-data module needs: a seeded random source, calendar dates, and row builders. */
import { todayInChina, type DataRow, type RecordData } from '../../../engine/src/plugin-api.ts';

export function row(object: string, key: string | undefined, values: RecordData): DataRow {
  return key === undefined ? { object, values } : { object, key, values };
}

export function ref(key: string): { $ref: string } {
  return { $ref: key };
}

export function round(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}

/** mulberry32: small, fast and good enough for demo data. */
export class Random {
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

/** Calendar dates (YYYY-MM-DD) counted from `today`'s date in China, the day licences and grants are checked on. */
export class Calendar {
  private readonly base: number;

  constructor(today: Date) {
    this.base = Date.parse(`${todayInChina(today)}T00:00:00Z`);
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

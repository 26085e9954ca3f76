/**
 * Demo grants: a handful of approved exclusive authorizations, each of one product at one hospital department (or a
 * whole hospital) for a year, held by a dealer of the hospital's province whose operation licence covers the year.
 * Most are in force today; README's "try" grant was approved ahead, for a year starting in two months, so that a new
 * grant from today conflicts with it and is in force once its end is moved before that start.
 */
import type { DataItem, DataRow } from '../../../engine/src/plugin-api.ts';
import type { DealerSpec } from './dealers.ts';
import { HOSPITALS_PER_PROVINCE, PROVINCES } from './hospitals.ts';
import { ref, row, type Calendar } from './support.ts';

interface GrantSpec {
  province: string;
  product: string;
  /** The province's n-th hospital (hospitals are numbered province by province). */
  hospital: number;
  /** Its n-th department; absent: the whole hospital. */
  department?: number;
  /** The first day of its year, in days from the install day. */
  startsIn: number;
}

const IN_FORCE = -30;
const AHEAD = 60;

/** The first is README's "try": channel.manager's Zhejiang, a drug-coated balloon (class III) at the province's first hospital. */
const GRANTS: GrantSpec[] = [
  { province: '330000', product: 'product-31', hospital: 0, department: 0, startsIn: AHEAD },
  { province: '440000', product: 'product-19', hospital: 0, department: 0, startsIn: IN_FORCE },
  { province: '510000', product: 'product-22', hospital: 0, department: 0, startsIn: IN_FORCE },
  { province: '310000', product: 'product-2', hospital: 0, department: 0, startsIn: IN_FORCE },
  { province: '330000', product: 'product-29', hospital: 1, startsIn: IN_FORCE },
  // Beijing's first licensed dealer is portal.a's: the portal shows a dealer its grants.
  { province: '110000', product: 'product-24', hospital: 5, department: 0, startsIn: IN_FORCE },
];

/** `items`: the demo rows so far, whose licences pick the holders; `owner`: who owns a dealer's rows. */
export function authorizationRows(calendar: Calendar, dealers: readonly DealerSpec[], items: readonly DataItem[], owner: (dealer: DealerSpec) => string): DataRow[] {
  const yearFrom = (startsIn: number) => ({ validFrom: calendar.date(startsIn), validTo: calendar.yearsAfter(calendar.date(startsIn), 1) });
  const lastValidTo = yearFrom(Math.max(...GRANTS.map((g) => g.startsIn))).validTo;
  const licences = items.filter((item): item is DataRow => 'object' in item && item.object === 'qualification' && item.values.type === 'operation_licence');
  const licensedUntil = new Map(licences
    .map((q) => [(q.values.dealer as { $ref: string }).$ref, String(q.values.valid_to)]));
  const holders = dealers.filter((dealer) => (licensedUntil.get(dealer.key) ?? '') > lastValidTo);
  return GRANTS.map((grant, i) => {
    const holder = holders.find((dealer) => dealer.province.code === grant.province)!;
    const { validFrom, validTo } = yearFrom(grant.startsIn);
    const hospital = `hospital-${PROVINCES.findIndex((p) => p.code === grant.province) * HOSPITALS_PER_PROVINCE + grant.hospital}`;
    return row('dealer_authorization', `authorization-${i}`, {
      dealer: ref(holder.key),
      product: ref(grant.product),
      hospital: ref(hospital),
      ...(grant.department === undefined ? {} : { department: ref(`${hospital}-department-${grant.department}`) }),
      kind: 'annual',
      valid_from: validFrom,
      valid_to: validTo,
      exclusive: true,
      status: 'approved',
      owner_id: ref(`user-${owner(holder)}`),
      channel_manager: owner(holder),
    });
  });
}

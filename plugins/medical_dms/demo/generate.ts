/**
 * Demo data: the demo logins, product lines and products, hospitals and their departments, two tiers of dealers
 * (owned by the channel team) with their credit, contacts and qualifications, and a few approved exclusive grants.
 * The same seed and the same `today` give the same rows; qualification and grant dates are relative to `today`, so
 * that some licences are always about to expire and the grants are in force.
 */
import type { DataItem } from '../../../engine/src/plugin-api.ts';
import { authorizationRows } from './authorizations.ts';
import { contactRows, creditRows, dealerRow, dealerSpecs, qualificationRows } from './dealers.ts';
import { hospitalRows } from './hospitals.ts';
import { productRows } from './products.ts';
import { Calendar, Random } from './support.ts';
import { dealerOwner, internalUsers, portalUsers } from './users.ts';

export default function generateDemoData(seed = 20261125, today = new Date()): DataItem[] {
  const random = new Random(seed);
  const calendar = new Calendar(today);
  const dealers = dealerSpecs(random);
  const items: DataItem[] = [
    ...internalUsers(),
    ...productRows(random),
    ...hospitalRows(random),
    ...dealers.map((dealer) => dealerRow(dealer, dealerOwner(dealer))),
    ...portalUsers(dealers),
    ...dealers.flatMap((dealer) => creditRows(random, dealer)),
    ...dealers.flatMap((dealer) => contactRows(random, dealer)),
    ...qualificationRows(random, calendar, dealers),
  ];
  return [...items, ...authorizationRows(calendar, dealers, items, dealerOwner)];
}

/**
 * The demo logins (DESIGN.md "Configuration and start"): a channel team whose managers own the dealers of their
 * provinces, the back office, service, and two portal users of two different dealers.
 */
import type { DemoUserRow } from '../../../engine/src/plugin-api.ts';
import type { DealerSpec } from './dealers.ts';
import { PROVINCES } from './hospitals.ts';
import { ref } from './support.ts';

/** Rows name a demo user as `{ "$ref": "user-<user name>" }`. */
const internal = (username: string, displayName: string, role: string): DemoUserRow => ({ key: `user-${username}`, user: { username, displayName, role } });

/** Managers split the provinces; the rep reports to both managers' role and takes the level-2 dealers of the first province. */
const EAST_MANAGER = 'channel.manager';
const NORTH_MANAGER = 'channel.manager.north';
const REP = 'channel.rep';

export function internalUsers(): DemoUserRow[] {
  return [
    internal('channel.director', '赵总监', 'channel_director'),
    internal(EAST_MANAGER, '钱经理', 'channel_manager'),
    internal(NORTH_MANAGER, '孙经理', 'channel_manager'),
    internal(REP, '李专员', 'channel_rep'),
    internal('compliance', '周合规', 'compliance'),
    internal('order.desk', '吴订单', 'order_desk'),
    internal('finance', '郑财务', 'finance'),
    internal('service.manager', '王服务', 'service_manager'),
    internal('engineer', '冯工程师', 'engineer'),
  ];
}

/** Who owns a dealer: its province's manager (they alternate), or the rep for the level-2 dealers of the first province. */
export function dealerOwner(dealer: DealerSpec): string {
  const province = PROVINCES.indexOf(dealer.province);
  if (dealer.tier === 'level_2' && province === 0) return REP;
  return province % 2 === 0 ? EAST_MANAGER : NORTH_MANAGER;
}

/** `portal.a` and `portal.b`: owners of two different platform dealers. */
export function portalUsers(dealers: readonly DealerSpec[]): DemoUserRow[] {
  const [a, b] = dealers.filter((d) => d.tier === 'platform');
  const portal = (username: string, displayName: string, dealer: DealerSpec): DemoUserRow =>
    ({ key: `user-${username}`, user: { username, displayName, role: 'dealer_owner', kind: 'portal', account: ref(dealer.key) } });
  return [portal('portal.a', `${a.name}（门户）`, a), portal('portal.b', `${b.name}（门户）`, b)];
}

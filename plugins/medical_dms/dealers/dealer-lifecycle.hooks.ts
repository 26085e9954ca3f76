/**
 * The dealer lifecycle's code (DOMAIN.md "Dealer lifecycle"; the moves themselves are the dealer_* workflows): a move
 * to temporary or active needs a business licence valid today, and the termination check lists what is still open.
 */
import { reject, todayInChina, type ActionContext, type ActionDefinition, type BeforeWriteEvent, type Label } from '../../../engine/src/plugin-api.ts';
import { placeOf, type GrantRow } from '../authorizations/grant-conflicts.ts';
import { businessLicenceSql, openGrantsSql, type BusinessLicenceRow } from './dealer-lifecycle.sql.ts';

/** The moves that need a valid business licence, as the refusal words them. */
const NEEDS_LICENCE: Record<string, Label> = {
  temporary: { 'zh-CN': '临时授权', en: 'be temporarily authorized' },
  active: { 'zh-CN': '转为合作', en: 'become active' },
};

/**
 * A lifecycle move to temporary or active is refused (422) without a business licence valid today: when the workflow
 * records the status asked for (on submit) and when it applies it (on the last approval), so a licence that lapsed
 * in between still stops it. A direct write by an administrator (data repair) is not a move and is not checked.
 */
export async function refuseMoveWithoutLicence(event: BeforeWriteEvent): Promise<void> {
  const move = lifecycleMove(event);
  const activity = move && NEEDS_LICENCE[move.status];
  if (!move || !activity) return;
  const [licence] = await event.db.rows<BusinessLicenceRow>(businessLicenceSql(String(event.current!.id), todayInChina()));
  if (licence?.state === 'valid') return;
  reject([{ field: move.field, rule: 'business_licence', message: missingLicenceMessage(licence, activity) }]);
}

/** The status a lifecycle workflow asks for (`status_requested`) or applies (`status`, the one that was asked for). */
function lifecycleMove({ action, values, current }: BeforeWriteEvent): { field: string; status: string } | undefined {
  if (action !== 'update' || !current) return undefined;
  if (typeof values.status_requested === 'string') return { field: 'status_requested', status: values.status_requested };
  const applied = typeof values.status === 'string' && values.status !== current.status && values.status === current.status_requested;
  return applied ? { field: 'status', status: values.status as string } : undefined;
}

function missingLicenceMessage(licence: BusinessLicenceRow | undefined, activity: Label): Label {
  if (!licence) {
    return { 'zh-CN': `该经销商没有营业执照记录，不能${activity['zh-CN']}，请先上传营业执照`, en: `The dealer has no business licence on file, so it cannot ${activity.en}` };
  }
  if (licence.state === 'not_yet_valid') {
    return {
      'zh-CN': `营业执照 ${licence.number} 自 ${licence.valid_from} 起才生效，在此之前不能${activity['zh-CN']}`,
      en: `Business licence ${licence.number} is valid only from ${licence.valid_from}: until then the dealer cannot ${activity.en}`,
    };
  }
  return {
    'zh-CN': `营业执照 ${licence.number} 已于 ${licence.valid_to} 到期，不能${activity['zh-CN']}，请先上传有效的营业执照`,
    en: `Business licence ${licence.number} expired on ${licence.valid_to}, so the dealer cannot ${activity.en} until a valid one is on file`,
  };
}

const GRANT_STATUS: Record<string, Label> = {
  approved: { 'zh-CN': '已批准', en: 'approved' },
  pending: { 'zh-CN': '审批中', en: 'pending approval' },
};

/** Orders and stock on hand come with a later part of the pack; until then the check says so instead of "none". */
const NOT_TRACKED = {
  title: { 'zh-CN': '订单与库存', en: 'Orders and stock' },
  description: {
    'zh-CN': '系统尚未记录订单与经销商库存：终止前请与经销商和订单部核对在途订单和库存，防止低价倾销',
    en: 'Orders and dealer stock are not tracked yet: check open orders and stock on hand with the dealer and the order desk before letting it go',
  },
};

/** What a dealer still holds open, for whoever decides its termination: open grants, and what is not tracked yet. */
export const terminationCheck: ActionDefinition = {
  label: { 'zh-CN': '终止前检查', en: 'Termination check' },
  when: { '!=': [{ var: 'status' }, 'terminated'] },
  run: async ({ db, record }: ActionContext) => {
    const grants = await db.rows<GrantRow>(openGrantsSql(String(record.id)));
    const count = (status: string) => grants.filter((g) => g.status === status).length;
    return {
      message: {
        'zh-CN': `未结授权 ${grants.length} 项（已批准 ${count('approved')}，审批中 ${count('pending')}）；订单与库存尚未在系统中记录`,
        en: `${grants.length} open authorization(s) (${count('approved')} approved, ${count('pending')} pending); orders and stock are not tracked yet`,
      },
      items: [...grants.map(grantItem), NOT_TRACKED],
      data: { openAuthorizations: grants.map((g) => ({ id: g.id, status: g.status, validFrom: g.valid_from, validTo: g.valid_to, exclusive: g.exclusive })), orders: null, stock: null },
    };
  },
};

function grantItem(grant: GrantRow) {
  const product = grant.product_name ?? grant.product_line_name ?? '';
  const place = placeOf(grant);
  const status = GRANT_STATUS[grant.status] ?? { 'zh-CN': grant.status, en: grant.status };
  const exclusive = grant.exclusive ? { 'zh-CN': '独家', en: 'exclusive' } : { 'zh-CN': '非独家', en: 'not exclusive' };
  return {
    title: { 'zh-CN': `${product} · ${place['zh-CN']}`, en: `${product} · ${place.en}` },
    description: {
      'zh-CN': `${status['zh-CN']} · ${exclusive['zh-CN']} · ${grant.valid_from} 至 ${grant.valid_to}`,
      en: `${status.en} · ${exclusive.en} · ${grant.valid_from} to ${grant.valid_to}`,
    },
  };
}

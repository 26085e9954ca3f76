/**
 * The bench object (20 fields of mixed types and a lookup to its dealer, one validation rule, indexes that fit the
 * lists), the dealers a portal user belongs to, the portal role, the payloads and the hand-written SQL.
 */

export const OBJECT = 'bench_deal';
export const TABLE = `data.${OBJECT}`;
/** The portal account object: each bench deal belongs to one of its records. */
export const DEALER_OBJECT = 'bench_dealer';
export const DEALER_TABLE = `data.${DEALER_OBJECT}`;
export const DEALERS = 1000;

const label = (en: string) => ({ 'zh-CN': en, en });
const options = (values: string[]) => values.map((value) => ({ value, label: label(value) }));

export const STATUSES = ['open', 'won', 'lost', 'hold'];
export const STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'closed'];
export const TAGS = ['a', 'b', 'c'];
export const REGIONS = [
  '110101', '110102', '110105', '110106', '120101', '120102', '310101', '310104', '310105', '310106',
  '320102', '320104', '330102', '330105', '440103', '440104', '440105', '440106', '510104', '510105',
];

export const FIELDS = [
  { name: 'name', type: 'text', label: label('Name'), required: true, maxLength: 200 },
  { name: 'code', type: 'text', label: label('Code'), unique: true },
  { name: 'status', type: 'picklist', label: label('Status'), options: options(STATUSES) },
  { name: 'stage', type: 'picklist', label: label('Stage'), options: options(STAGES) },
  { name: 'region', type: 'region', label: label('Region') },
  { name: 'amount', type: 'money', label: label('Amount'), min: 0 },
  { name: 'quantity', type: 'integer', label: label('Quantity'), min: 0 },
  { name: 'discount', type: 'percent', label: label('Discount'), min: 0, max: 100 },
  { name: 'weight', type: 'number', label: label('Weight') },
  { name: 'active', type: 'boolean', label: label('Active') },
  { name: 'signed_on', type: 'date', label: label('Signed on') },
  { name: 'closed_at', type: 'datetime', label: label('Closed at') },
  { name: 'email', type: 'email', label: label('Email') },
  { name: 'phone', type: 'phone', label: label('Phone') },
  { name: 'website', type: 'url', label: label('Website') },
  { name: 'notes', type: 'long_text', label: label('Notes'), maxLength: 10000 },
  { name: 'tags', type: 'multi_picklist', label: label('Tags'), options: options(TAGS) },
  { name: 'parent', type: 'lookup', target: OBJECT, label: label('Parent') },
  { name: 'priority', type: 'integer', label: label('Priority'), min: 0, max: 10 },
  { name: 'owner_name', type: 'text', label: label('Owner name'), maxLength: 100 },
  // the 21st column: portal users see the deals of their own dealer (`access.portalVia`)
  { name: 'dealer', type: 'lookup', target: DEALER_OBJECT, label: label('Dealer') },
] as const;

export const FIELD_NAMES: string[] = FIELDS.map((f) => f.name);
export const SYSTEM_COLUMNS = ['id', 'created_at', 'created_by', 'updated_at', 'updated_by', 'owner_id', 'version', 'deleted_at'];
export const ALL_COLUMNS = [...SYSTEM_COLUMNS, ...FIELD_NAMES];

/** The list view's index: equality on status and region, then the default order (-created_at, id tiebreaker). */
export const LIST_INDEX = ['status', 'region', 'created_at', 'id'];
/** The portal list's index: the visibility predicate (`dealer = ?`), then the default order. */
export const PORTAL_INDEX = ['dealer', 'created_at', 'id'];

export function objectDoc(extraFields: object[] = []) {
  return {
    kind: 'object',
    name: OBJECT,
    label: { 'zh-CN': '基准商机', en: 'Bench deal' },
    fields: [...FIELDS, ...extraFields],
    indexes: [{ fields: LIST_INDEX }, { fields: PORTAL_INDEX }],
    // internal users: private (the default; the admin reads every row through its admin permission set)
    access: { portalVia: 'dealer' },
  };
}

export function dealerDoc() {
  return {
    kind: 'object',
    name: DEALER_OBJECT,
    label: { 'zh-CN': '基准经销商', en: 'Bench dealer' },
    fields: [
      { name: 'name', type: 'text', label: label('Name'), required: true, maxLength: 200 },
      { name: 'code', type: 'text', label: label('Code'), unique: true },
      { name: 'region', type: 'region', label: label('Region') },
    ],
    access: { portalAccount: true, internal: 'read' },
  };
}

/** What a dealer's portal users may do: read their dealer and its deals. */
export const PORTAL_PERMISSION_SET = {
  kind: 'permissionSet',
  name: 'bench_dealer_portal',
  label: { 'zh-CN': '基准经销商门户', en: 'Bench dealer portal' },
  objects: { [DEALER_OBJECT]: { read: true }, [OBJECT]: { read: true } },
};
export const PORTAL_ROLE = {
  kind: 'role',
  name: 'bench_dealer_user',
  label: { 'zh-CN': '基准经销商用户', en: 'Bench dealer user' },
  portal: true,
  permissionSets: [PORTAL_PERMISSION_SET.name],
};
/** Every document the bench deploys, in one deploy. */
export const documents = (extraFields: object[] = []) => [dealerDoc(), objectDoc(extraFields), RULE, PORTAL_PERMISSION_SET, PORTAL_ROLE];

export const RULE = {
  kind: 'validationRule',
  name: 'bench_deal_won_quantity',
  object: OBJECT,
  field: 'quantity',
  errorWhen: { and: [{ '==': [{ var: 'status' }, 'won'] }, { '<': [{ var: 'quantity' }, 1] }] },
  message: { 'zh-CN': '赢单数量至少为 1', en: 'A won deal has a quantity of at least 1' },
};

export const EXTRA_FIELD = { name: 'extra_note', type: 'text', label: label('Extra note'), maxLength: 500 };

/**
 * One valid record of the 20 fields the bench has always sent; `dealer` is left out (null), so payloads and the
 * validation figure stay those of earlier runs. `parent` is a UUID (null in HTTP creates so no row has to exist).
 */
export function payload(code: string, parent: string | null = null): Record<string, unknown> {
  return {
    name: `Deal ${code}`,
    code,
    status: 'won',
    stage: 'proposal',
    region: '310101',
    amount: 12345.67,
    quantity: 3,
    discount: 12.5,
    weight: 42.25,
    active: true,
    signed_on: '2026-03-14',
    closed_at: '2026-03-20T08:30:00.000Z',
    email: 'buyer@example.com',
    phone: '13800138000',
    website: 'https://example.com/deal',
    notes: 'A bench record with twenty fields of mixed types.',
    tags: ['a', 'c'],
    parent,
    priority: 2,
    owner_name: 'Li Lei',
  };
}

/** The plain JSON Schema equivalent to the object's fields and its rule, for ajv alone. */
export const PLAIN_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    code: { type: ['string', 'null'] },
    status: { enum: [...STATUSES, null] },
    stage: { enum: [...STAGES, null] },
    region: { type: ['string', 'null'], pattern: '^\\d{6}$' },
    amount: { type: ['number', 'null'], minimum: 0 },
    quantity: { type: ['integer', 'null'], minimum: 0 },
    discount: { type: ['number', 'null'], minimum: 0, maximum: 100 },
    weight: { type: ['number', 'null'] },
    active: { type: ['boolean', 'null'] },
    signed_on: { type: ['string', 'null'], format: 'date' },
    closed_at: { type: ['string', 'null'], format: 'date-time' },
    email: { type: ['string', 'null'], format: 'email' },
    phone: { type: ['string', 'null'], pattern: '^\\+?[\\d\\s()-]{5,30}$' },
    website: { type: ['string', 'null'], format: 'uri' },
    notes: { type: ['string', 'null'], maxLength: 10000 },
    tags: { type: ['array', 'null'], items: { enum: TAGS } },
    parent: { type: ['string', 'null'], format: 'uuid' },
    priority: { type: ['integer', 'null'], minimum: 0, maximum: 10 },
    owner_name: { type: ['string', 'null'], maxLength: 100 },
    dealer: { type: ['string', 'null'], format: 'uuid' },
  },
  if: { properties: { status: { enum: ['won'] } }, required: ['status'] },
  then: { properties: { quantity: { type: 'integer', minimum: 1 } } },
};

/** The list: a three-condition filter, a sort and a page of 50. */
export const LIST = {
  status: 'open',
  region: '310101',
  minAmount: 50000,
  sort: '-created_at',
  limit: 50,
};
export const LIST_FILTER = {
  and: [
    { '==': [{ var: 'status' }, LIST.status] },
    { '==': [{ var: 'region' }, LIST.region] },
    { '>=': [{ var: 'amount' }, LIST.minAmount] },
  ],
};
export const LIST_PATH =
  `/api/records/${OBJECT}?filter=${encodeURIComponent(JSON.stringify(LIST_FILTER))}&sort=${LIST.sort}&limit=${LIST.limit}`;

/** The hand-written SQL of that page (one extra row, as any keyset pager fetches to know whether a next page exists). */
export const HAND_LIST_SQL =
  `SELECT ${ALL_COLUMNS.map((c) => `"${c}"`).join(', ')} FROM ${TABLE} ` +
  `WHERE deleted_at IS NULL AND status = $1 AND region = $2 AND amount >= $3 ` +
  `ORDER BY created_at DESC, id DESC LIMIT ${LIST.limit + 1}`;
export const HAND_LIST_PARAMS = [LIST.status, LIST.region, LIST.minAmount];

/**
 * The portal user's list: its dealer's deals, newest first, a page of 50, no filter (the list a dealer opens).
 * The admin's baseline is the same request: every deal, newest first.
 */
export const PORTAL_LIST = { sort: '-created_at', limit: 50 };
export const PORTAL_LIST_PATH = `/api/records/${OBJECT}?sort=${PORTAL_LIST.sort}&limit=${PORTAL_LIST.limit}`;
/** The portal page by hand, to check the engine returns the right rows. */
export const HAND_PORTAL_LIST_SQL =
  `SELECT id FROM ${TABLE} WHERE deleted_at IS NULL AND dealer = $1 ORDER BY created_at DESC, id DESC LIMIT ${PORTAL_LIST.limit}`;

/** The engine's authentication query by hand: an API token's hash joined to its active user. */
export const HAND_AUTH_SQL =
  'SELECT u.id, u.username, u.display_name, u.kind, u.role, u.permission_sets, u.account_id, t.id AS token_id, t.last_used_at ' +
  'FROM qd_api_tokens AS t JOIN qd_users AS u ON u.id = t.user_id ' +
  'WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2) AND u.active LIMIT 1';

export const HAND_GET_SQL = `SELECT ${ALL_COLUMNS.map((c) => `"${c}"`).join(', ')} FROM ${TABLE} WHERE id = $1 AND deleted_at IS NULL`;

const INSERT_COLUMNS = ['id', 'created_by', 'updated_by', 'owner_id', ...FIELD_NAMES];
export const HAND_INSERT_SQL =
  `INSERT INTO ${TABLE} (${INSERT_COLUMNS.map((c) => `"${c}"`).join(', ')}) ` +
  `VALUES (${INSERT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING ${ALL_COLUMNS.map((c) => `"${c}"`).join(', ')}`;

/** The metadata language as TypeScript types. Browser-safe: no imports beyond other pure modules. */

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type Label = Record<Locale, string>;

/** A JsonLogic expression, as stored. */
export type JsonLogic = unknown;

export const FIELD_TYPES = [
  'text', 'long_text', 'rich_text', 'number', 'integer', 'money', 'percent', 'boolean', 'date', 'datetime',
  'picklist', 'multi_picklist', 'lookup', 'master_detail', 'email', 'phone', 'url', 'region', 'geo_point',
  'file', 'image', 'autonumber', 'formula', 'rollup',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Types a formula or rollup may return. */
export const COMPUTED_RETURN_TYPES = ['text', 'number', 'integer', 'money', 'percent', 'boolean', 'date', 'datetime'] as const;
export type ComputedReturnType = (typeof COMPUTED_RETURN_TYPES)[number];

/** Fields the engine fills; a write that names one is refused as read-only. */
export const COMPUTED_FIELD_TYPES: ReadonlySet<FieldType> = new Set(['formula', 'rollup', 'autonumber']);

/** A formula computed when the record is read: it has no column. */
export function isReadFormula(field: Pick<FieldDef, 'type' | 'computeOn'>): boolean {
  return field.type === 'formula' && field.computeOn === 'read';
}

/** The type a field's value has: a formula or rollup has the type it returns. */
export function valueType(field: Pick<FieldDef, 'type' | 'returns'>): FieldType {
  return field.type === 'formula' || field.type === 'rollup' ? (field.returns ?? 'text') : field.type;
}

export const ROLLUP_AGGREGATES = ['count', 'sum', 'min', 'max'] as const;
export type RollupAggregate = (typeof ROLLUP_AGGREGATES)[number];

export interface PicklistOption {
  value: string;
  label: Label;
  /** An inactive option stays valid on old records but is refused on new writes. */
  active?: boolean;
}

export interface FieldDef {
  name: string;
  type: FieldType;
  label: Label;
  description?: Partial<Label>;
  required?: boolean;
  unique?: boolean;
  /** Soft removal: the column is kept, the field is hidden from the API; deploying it again restores it. */
  removed?: boolean;
  renamedFrom?: string;
  /** A static value given to a new record that leaves the field out. */
  default?: unknown;
  /** A JsonLogic expression over the new record, for a default that depends on other fields (or `today`). */
  defaultExpression?: JsonLogic;
  /** The field is required while this JsonLogic expression holds (over the record as it will be). */
  requiredWhen?: JsonLogic;
  /** The field can't be changed while this holds (over the record as it is, or the new record). */
  readOnlyWhen?: JsonLogic;
  /** Forms show the field only while this holds; the server does not hide data by it. */
  visibleWhen?: JsonLogic;
  // text-like
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  // numbers
  min?: number;
  max?: number;
  /** Digits after the decimal point for money, percent and number (money defaults to 2). */
  scale?: number;
  // picklists
  options?: PicklistOption[];
  // lookup / master_detail
  target?: string;
  // autonumber, e.g. "HSP-{000000}"
  format?: string;
  // formula
  returns?: ComputedReturnType;
  expression?: JsonLogic;
  /** `write` (default): computed on every write and stored. `read`: computed when read, no column, not filterable. */
  computeOn?: 'write' | 'read';
  // rollup
  of?: string;
  via?: string;
  aggregate?: RollupAggregate;
  field?: string;
}

export interface IndexDef {
  fields: string[];
  unique?: boolean;
}

/** Record rights a permission set grants on an object. viewAll/modifyAll reach every record, whoever owns it. */
export const OBJECT_RIGHTS = ['create', 'read', 'update', 'delete', 'viewAll', 'modifyAll'] as const;
export type ObjectRight = (typeof OBJECT_RIGHTS)[number];
/** Rights beyond records. */
export const ADMIN_RIGHTS = ['deploy', 'plugins', 'users', 'audit', 'viewAllData', 'modifyAllData', 'operations'] as const;
export type AdminRight = (typeof ADMIN_RIGHTS)[number];
export const FIELD_ACCESS_LEVELS = ['none', 'read', 'edit'] as const;
export type FieldAccessLevel = (typeof FIELD_ACCESS_LEVELS)[number];

/** Who sees an object's records beyond their owner (see DESIGN.md "Security"). */
export interface ObjectAccess {
  /** Internal users' access to records they neither own nor reach through the role hierarchy or a sharing rule. */
  internal?: 'private' | 'read' | 'edit';
  /** A lookup to the master record: whoever may read (edit) the master may read (edit) this record too ("controlled by parent"). */
  controlledBy?: string;
  /** This object's records are the portal accounts (the pack's dealer): a portal user belongs to one of them. */
  portalAccount?: boolean;
  /** The lookup path (one or two lookups) from this object to the portal account object: portal users see the rows linked to their account. */
  portalVia?: string;
  /** Every portal user may read every record (a catalogue). */
  portalPublic?: boolean;
}

export interface ObjectDoc {
  kind: 'object';
  name: string;
  label: Label;
  description?: Partial<Label>;
  /** The field shown as the record's title (defaults to `name` when such a field exists). */
  titleField?: string;
  fields: FieldDef[];
  indexes?: IndexDef[];
  access?: ObjectAccess;
}

export interface ValidationRuleDoc {
  kind: 'validationRule';
  name: string;
  object: string;
  label?: Label;
  field?: string;
  errorWhen: JsonLogic;
  /** Handlebars templates that may name values of the record, e.g. "{{beds}} is too few". */
  message: Label;
  active?: boolean;
  /** Cases saved with the rule; every deploy runs them and refuses the rule when one no longer holds. */
  tests?: RuleTest[];
}

/** Given this record (lookups as nested objects: `{ "dealer": { "tier": "platform" } }`), the rule blocks it or lets it pass. */
export interface RuleTest {
  label?: Label;
  record: Record<string, unknown>;
  expect: 'error' | 'pass';
}

/** A group of fields on an object's form. */
export interface LayoutSection {
  name: string;
  label: Label;
  /** How many columns the section's fields flow into (default 1). */
  columns?: 1 | 2;
  fields: string[];
}

/** Rows a list view may show per page. */
export const MAX_PAGE_SIZE = 200;
/** The most keys a list's sort may have, in a request or a list view. */
export const MAX_SORT_KEYS = 5;

/** A saved list of an object's records: which rows (a filter that runs in the database), which columns, which order. */
export interface ListViewDef {
  name: string;
  label: Label;
  /** JsonLogic in the subset that compiles to SQL; a deploy refuses anything else. */
  filter?: JsonLogic;
  /** The object's own fields or system fields, in display order; the default field selection of the list. */
  columns: string[];
  /** Sort keys, `-` for descending, e.g. ["-created_at", "name"]. */
  sort?: string[];
  /** Rows per page, 1 to MAX_PAGE_SIZE. */
  pageSize?: number;
}

/** How an object is shown: its form sections and its list views. It says nothing about how data is stored. */
export interface LayoutDoc {
  kind: 'layout';
  name: string;
  label: Label;
  description?: Partial<Label>;
  object: string;
  sections?: LayoutSection[];
  listViews?: ListViewDef[];
}

/** A place in the organisation: users in a role see what users in the roles below it own. */
export interface RoleDoc {
  kind: 'role';
  name: string;
  label: Label;
  description?: Partial<Label>;
  /** The role above this one (`admin` is the top). */
  parent?: string;
  /** A role for dealer-portal users. */
  portal?: boolean;
  /** Permission sets every user in the role holds. */
  permissionSets?: string[];
}

/** Rights on objects, fields and the platform; a user holds the union of their sets. */
export interface PermissionSetDoc {
  kind: 'permissionSet';
  name: string;
  label: Label;
  description?: Partial<Label>;
  objects?: Record<string, Partial<Record<ObjectRight, boolean>>>;
  /** Per object, fields whose access differs from the object's: `none`, `read` or `edit`. */
  fields?: Record<string, Record<string, FieldAccessLevel>>;
  rights?: AdminRight[];
}

/** Records matching `criteria` are shared with the users of some roles (and, optionally, the roles above them). */
export interface SharingRuleDoc {
  kind: 'sharingRule';
  name: string;
  label: Label;
  description?: Partial<Label>;
  object: string;
  /** JsonLogic in the subset that compiles to SQL; absent shares every record. */
  criteria?: JsonLogic;
  roles: string[];
  /** Users of the roles below the named ones get the share too. */
  includeSubordinates?: boolean;
  access: 'read' | 'edit';
}

/** `letter`: offered on its object's records as a letter to issue (a PDF with a verification code), never sent. */
export const NOTIFICATION_CHANNELS = ['inApp', 'email', 'letter'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** A notification: handlebars subject and body per locale, rendering a record of `object` (if given). */
export interface TemplateDoc {
  kind: 'template';
  name: string;
  label: Label;
  description?: Partial<Label>;
  object?: string;
  subject: Label;
  body: Label;
  /** Where it is delivered; absent means in-app and e-mail. */
  channels?: NotificationChannel[];
}

export const WORKFLOW_NODE_TYPES = ['start', 'approval', 'condition', 'parallel', 'join', 'action', 'end'] as const;
export type WorkflowNodeType = (typeof WORKFLOW_NODE_TYPES)[number];
/** Outcomes an edge may follow: an approval's decision, or a condition's fallback when no `when` holds. */
export const WORKFLOW_EDGE_OUTCOMES = ['approved', 'rejected', 'returned', 'otherwise'] as const;
export type WorkflowEdgeOutcome = (typeof WORKFLOW_EDGE_OUTCOMES)[number];
export const APPROVAL_MODES = ['any', 'all', 'percentage', 'sequential'] as const;
/** any: one signature decides (or-sign); all: everyone signs (countersign); percentage: `threshold` % approve; sequential: one after another. */
export type ApprovalMode = (typeof APPROVAL_MODES)[number];

/**
 * Who decides an approval step. `managerOf` names a field of the record holding a user (text or lookup
 * until users are an object); `lookup` is JsonLogic over the record that yields a user name.
 */
export type Approver =
  | { user: string }
  | { role: string }
  | { managerOf: string }
  | { ownerManager: true }
  | { lookup: JsonLogic };

/**
 * Whom a notification goes to: anyone an approver entry names, or the active portal users of an account:
 * `accountUsers` names the record's field holding the account (a lookup or master-detail to the portal-account
 * object; `id` when the record is the account). Portal users are told, never asked: approval steps take Approvers.
 */
export type Recipient = Approver | { accountUsers: string };

/** What an action node does; each item has exactly one key. Values are JsonLogic over the record (a literal is one too). */
export type WorkflowAction =
  | { update: Record<string, JsonLogic> }
  | { create: { object: string; values: Record<string, JsonLogic> } }
  | { notify: { template: string; to?: Recipient | Recipient[] } }
  | { webhook: { url: string; method?: 'POST' | 'PUT' | 'PATCH' } }
  | { startWorkflow: string };

export interface WorkflowNode {
  id: string;
  type: WorkflowNodeType;
  label?: Label;
  // approval
  approvers?: Approver | Approver[];
  mode?: ApprovalMode;
  /** For mode `percentage`: the share of approvers (1–100) whose approval passes the step. */
  threshold?: number;
  /** How long the step may wait: an ISO 8601 duration ("P2D", "PT4H") or hours. */
  due?: string | number;
  onTimeout?: { escalateTo: Approver | Approver[] } | { decide: 'approve' | 'reject' };
  /** Fields the approvers may change while deciding (the record is otherwise locked). */
  editableFields?: string[];
  // action
  actions?: WorkflowAction[];
}

export interface WorkflowEdge {
  from: string;
  to: string;
  /** From an approval: the decision that takes this edge (absent means `approved`). From a condition: `otherwise`. */
  on?: WorkflowEdgeOutcome;
  /** From a condition or a parallel split: JsonLogic over the record; the edge is taken while it holds. */
  when?: JsonLogic;
  label?: Label;
}

/**
 * How a workflow starts: a person submits a record. `when` (JsonLogic over the record) is its entry criterion: while
 * it doesn't hold the workflow is not offered for that record and a submission is refused with `message` (or a
 * generic one). `comment` makes the submitter's comment required, under its own label (e.g. "reason").
 * `internalOnly`: portal users may not submit it (a dealer asks for its own grants, not for its own reinstatement).
 */
export interface WorkflowTrigger {
  on: 'submit';
  when?: JsonLogic;
  message?: Label;
  comment?: { required: boolean; label?: Label };
  internalOnly?: boolean;
}

/** An approval process over records of `object`: a graph of nodes and edges (the shape React Flow draws). */
export interface WorkflowDoc {
  kind: 'workflow';
  name: string;
  label: Label;
  description?: Partial<Label>;
  object: string;
  trigger: WorkflowTrigger;
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
  active?: boolean;
  /** A `template` sent to each approver when a task reaches them (the inbox lists tasks either way). */
  taskTemplate?: string;
  /** Where the studio's designer draws each node (top-left, by node id); the runtime ignores it. */
  positions?: Record<string, { x: number; y: number }>;
}

/** How an approval ended, as an automation's `approval` trigger may name it. */
export const APPROVAL_OUTCOMES = ['approved', 'rejected', 'recalled', 'returned'] as const;
export type ApprovalOutcome = (typeof APPROVAL_OUTCOMES)[number];

/** The time zone of a schedule's cron unless it names one: the platform's users are in China. */
export const DEFAULT_SCHEDULE_TIMEZONE = 'Asia/Shanghai';

/**
 * When an automation runs: a record created or updated, some fields changed, a time (a 5-field cron, in
 * `timezone`, DEFAULT_SCHEDULE_TIMEZONE unless given), or an approval of the object ending (a workflow's, an outcome's).
 */
export type AutomationTrigger =
  | { on: 'create' }
  | { on: 'update' }
  | { on: 'fieldChange'; fields: string[] }
  | { on: 'schedule'; cron: string; timezone?: string }
  | { on: 'approval'; workflow?: string; outcome?: ApprovalOutcome };

/** Trigger → condition → actions over records of `object`, without a person deciding anything. */
export interface AutomationDoc {
  kind: 'automation';
  name: string;
  label: Label;
  description?: Partial<Label>;
  object: string;
  trigger: AutomationTrigger;
  /** JsonLogic over the record; absent always holds. A schedule's runs in the database (it selects the records). */
  condition?: JsonLogic;
  actions: WorkflowAction[];
  active?: boolean;
}

export type MetadataDoc = ObjectDoc | ValidationRuleDoc | LayoutDoc | RoleDoc | PermissionSetDoc | SharingRuleDoc | TemplateDoc | WorkflowDoc | AutomationDoc;
export type DocKind = MetadataDoc['kind'];
export const DOC_KINDS: readonly DocKind[] = ['object', 'validationRule', 'layout', 'role', 'permissionSet', 'sharingRule', 'template', 'workflow', 'automation'];

export type Layer = 'base' | 'custom';

/** A problem found by a check. Checks collect and return these; only the step that writes throws. */
export interface Problem {
  /** JSON pointer-like path inside the document or payload, e.g. "/fields/3/target". */
  path: string;
  code: string;
  message: Label;
  /** The document the problem is in, when a check spans several. */
  document?: { kind: string; name: string };
}

/** System columns every object table has; field names may not reuse them. */
export const SYSTEM_FIELDS = [
  'id', 'created_at', 'created_by', 'updated_at', 'updated_by', 'owner_id', 'version', 'deleted_at',
] as const;

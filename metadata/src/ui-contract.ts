/**
 * What the engine's `/api/ui/*` routes answer and the web apps read: the metadata as one user may see it, ready to
 * render. Types only, so both sides of the HTTP API agree without importing each other.
 */
import type { FieldType, JsonLogic, Label, ComputedReturnType, PicklistOption } from './types.ts';

/** The signed-in user's app: who they are and what the navigation offers them. */
export interface UiApp {
  user: { id: string; username: string; displayName: string | null; kind: 'internal' | 'portal'; role: string | null };
  /** Admin rights (`deploy`, `users`, …): the shell shows the studio and operator links only to holders. */
  rights: string[];
  /** Objects the user may read, in menu order, each with the rights the user holds on it. */
  navigation: UiNavItem[];
  /** Pending approval tasks (internal users) and unread notifications, for the badges. */
  counts: { inbox: number; notifications: number };
  /** For portal users: the lists of the portal home ("my authorizations", …), taken from the layouts' list views. */
  portalHome: UiHomeList[];
  /** Query pages plugins declare on their GET routes (e.g. "who may sell"), those this user may open. */
  pages: UiPage[];
}

/**
 * A plugin's query page: a form over a GET route's query parameters and a table of its answer's `data` rows. The
 * route stays the authority (it validates and answers problem+json); the page only asks and shows.
 */
export interface UiPage {
  plugin: string;
  /** The route below `/api/plugins/<plugin>/`; the page's address is `/p/<plugin>/<path>`. */
  path: string;
  label: Label;
  inputs: PageInput[];
  columns: PageColumn[];
  /** Shown when the answer has no rows. */
  empty?: Label;
}

/** A query parameter asked as a field: a searchable lookup, a date, or text. */
export interface PageInput {
  name: string;
  type: 'lookup' | 'date' | 'text';
  label: Label;
  required?: boolean;
  /** lookup: the object searched, and (filled in by the engine) the field its records are titled by. */
  target?: string;
  targetTitleField?: string | null;
  /** lookup: only records whose `field` is the value of another input (a department of the hospital chosen). */
  narrowedBy?: { input: string; field: string };
  /** date: `today` (China's calendar) starts the form filled in. */
  default?: 'today';
}

/** A column of the answer's rows: a dotted path into each row and how its value reads. */
export interface PageColumn {
  path: string;
  label: Label;
  /** text (default), a label in both languages, yes/no, or one of a picklist's values (`options`). */
  type?: 'text' | 'label' | 'boolean' | 'picklist';
  /** picklist: the field whose options name the values, as `object.field` (the engine fills `options` in). */
  optionsOf?: string;
  options?: PicklistOption[];
}

export interface UiNavItem {
  object: string;
  label: Label;
  /** Whether the object comes from a plugin or is custom, for grouping. */
  plugin: string | null;
  canCreate: boolean;
}

export interface UiHomeList {
  object: string;
  view: string;
  label: Label;
}

/** Everything a list, a record page and a form of one object need, cut to the user's field access. */
export interface UiObject {
  name: string;
  label: Label;
  /** The field a record's title shows (the object's titleField, else `name`, else the id). */
  titleField: string | null;
  rights: { create: boolean; read: boolean; update: boolean; delete: boolean };
  fields: UiField[];
  /** Form sections in order; fields the layout leaves out follow in a last section, so nothing readable is hidden. */
  sections: UiSection[];
  listViews: UiListView[];
  /** Detail objects that point here through a lookup the user may read ("related lists"). */
  related: UiRelatedList[];
  /** Plugin actions the user may run, offered as buttons on the record page of each record their `when` holds for. */
  actions: UiAction[];
  /** Active validation rules of the object; `browser` is false when one needs data the browser lacks (lookup paths, plugin operators). */
  rules: UiRule[];
  /** JSON Schema (draft-07) of a writable record for @rjsf, and its uiSchema (widgets, order, read-only, help). */
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  /**
   * Workflows a record of this object may be submitted to: one is offered for a record while its `when` holds
   * (the server decides again on submit); `comment` says whether the submitter's comment is required, and its label.
   */
  workflows: { name: string; label: Label; when?: JsonLogic; comment?: { required: boolean; label?: Label } }[];
  /** The object's letter templates (channel `letter`), and whether this user may issue letters (internal users). */
  letters: { templates: { name: string; label: Label }[]; canIssue: boolean };
}

/** A plugin action: `POST /api/records/:object/:id/actions/:name` with its input's values as the body. */
export interface UiAction {
  name: string;
  label: Label;
  /** The fields it asks for first, and their @rjsf form (as a record form's). */
  input?: { fields: UiField[]; schema: Record<string, unknown>; uiSchema: Record<string, unknown> };
  /** The question asked before it runs. */
  confirm?: Label;
  /** JsonLogic over the record: the button shows only while it holds (the server refuses otherwise). */
  when?: JsonLogic;
}

export interface UiField {
  name: string;
  type: FieldType;
  label: Label;
  description?: Partial<Label>;
  required: boolean;
  /** The user may read but not write it (field access, or a computed field). */
  readOnly: boolean;
  /** The value a new record starts with when the field is left alone (the server fills it the same way). */
  default?: unknown;
  requiredWhen?: JsonLogic;
  readOnlyWhen?: JsonLogic;
  visibleWhen?: JsonLogic;
  options?: PicklistOption[];
  /** lookup / master_detail: the target object and the field its records are titled by. */
  target?: string;
  targetTitleField?: string | null;
  returns?: ComputedReturnType;
  min?: number;
  max?: number;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  scale?: number;
  /** Whether lists may filter and sort on it (read formulas may not). */
  filterable: boolean;
}

export interface UiSection {
  name: string;
  label: Label;
  columns: number;
  fields: string[];
}

export interface UiListView {
  name: string;
  label: Label;
  filter?: JsonLogic;
  columns: string[];
  sort: string[];
  pageSize: number;
}

export interface UiRelatedList {
  object: string;
  label: Label;
  /** The detail object's lookup field that points at this record. */
  via: string;
  columns: string[];
}

export interface UiRule {
  name: string;
  field: string | null;
  errorWhen: JsonLogic;
  message: Label;
  browser: boolean;
}

/** A hit of the global search. */
export interface UiSearchHit {
  object: string;
  id: string;
  title: string;
}

/** A problem of `POST /api/records/:object/validate`: the same the write would answer, in the caller's language. */
export interface UiProblem {
  field: string;
  rule: string;
  message: string;
}

/** One approval task in `GET /api/approvals/inbox`. */
export interface InboxItem {
  taskId: string;
  instanceId: string;
  workflow: { name: string; label: Label };
  step: { node: string; label: Label };
  object: { name: string; label: Label };
  recordId: string;
  recordTitle: string | null;
  submittedBy: { id: string; displayName: string };
  submittedAt: string;
  assignedAt: string;
  dueAt: string | null;
  overdue: boolean;
  reason: Label;
  /** Set when the task is someone else's, delegated to the reader. */
  onBehalfOf: { id: string; displayName: string } | null;
}

/** One in-app notification in `GET /api/notifications`. */
export interface Notification {
  id: string;
  template: string;
  object: string | null;
  recordId: string | null;
  subject: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

/** What a deploy step may cost, when the engine expects it to: slow on a large table, or losing data. */
export interface StepRisk {
  level: 'slow' | 'destructive';
  /** The table's estimated rows (PostgreSQL's statistics, not a count). */
  rows: number;
  reason: Label;
}

/** What gives a user access to records ("explain access"), as the studio says it in either language. */
export type AccessGrant =
  | { kind: 'owner' }
  | { kind: 'roleHierarchy' }
  | { kind: 'sharingRule'; name: string }
  /** The master record, through the `controlledBy` field, is within reach. */
  | { kind: 'master'; field: string }
  /** A portal user's dealer: the record is the dealer, or links to it through `via`. */
  | { kind: 'dealerLink'; via?: string }
  | { kind: 'permission'; right: 'viewAll' | 'modifyAll' }
  | { kind: 'objectAccess'; access: 'read' | 'edit' | 'portalPublic' };

/** Why access is refused. */
export type AccessRefusal =
  | { kind: 'noPermission'; right: string }
  | { kind: 'noGrant' }
  | { kind: 'noRecord' };

export interface AccessReason {
  /** Every record of the object, some of them, or (asked about one record) that record. */
  reach: 'every' | 'some' | 'this';
  grant: AccessGrant | AccessRefusal;
}

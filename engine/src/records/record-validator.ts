/**
 * Validation of every record write: coercion, field checks (one ajv validator compiled from the fields),
 * defaults, then validation rules. Built once per object version; nothing is compiled per call.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import { evaluateLogic, isTruthy } from '../../../metadata/src/jsonlogic.ts';
import { COMPUTED_FIELD_TYPES, SYSTEM_FIELDS, type FieldDef, type FieldType, type Label, type ObjectDoc, type ValidationRuleDoc } from '../../../metadata/src/types.ts';
import type { FieldError } from '../errors/catalog.ts';
import { CoercionFailure, coercerFor, type Coercer } from './field-coercion.ts';
import { compileFieldConditions, hasError, isEmpty, type FieldConditions } from './field-conditions.ts';
import { fieldMessage, NOT_AN_OBJECT_MESSAGE, ruleFailedMessage, systemFieldMessage, unknownFieldMessage } from './field-messages.ts';
import { compileMessage } from './rule-messages.ts';

export interface RecordValidator {
  /** A new record: coerces, checks, fills defaults. `values` holds only writable fields, keyed by field name, ready for the INSERT. */
  validateCreate(input: unknown, related?: Record<string, unknown>): { values: Record<string, unknown>; errors: FieldError[] };
  /** A PATCH: `patch` is the request body without `version`; `current` is the stored row (field name → value). Rules see current merged with the patch. */
  validateUpdate(patch: unknown, current: Record<string, unknown>, related?: Record<string, unknown>): { values: Record<string, unknown>; errors: FieldError[] };
}

export function buildRecordValidator(object: ObjectDoc, rules: readonly ValidationRuleDoc[]): RecordValidator {
  const plan = compilePlan(object, rules);
  return {
    // `related`: the records behind lookups that rules read through (`dealer.tier`), in place of their ids.
    validateCreate(input, related) {
      if (!isJsonObject(input)) return notAnObject();
      const values: Record<string, unknown> = {};
      const errors: FieldError[] = [];
      coerceInto(plan, input, values, errors);
      applyDefaults(plan, input, values, errors);
      plan.conditions.applyDefaults(input, values, errors);
      checkFields(plan, values, errors, undefined);
      const candidate = related ? { ...values, ...related } : values;
      plan.conditions.check(values, candidate, undefined, errors);
      if (errors.length === 0) runRules(plan.rules, candidate, errors);
      return { values, errors };
    },
    validateUpdate(patch, current, related) {
      if (!isJsonObject(patch)) return notAnObject();
      const values: Record<string, unknown> = {};
      const errors: FieldError[] = [];
      coerceInto(plan, patch, values, errors);
      checkFields(plan, values, errors, current);
      // `$prior` is the record before this write, for the `prior` and `changed` operators.
      const candidate = { ...current, ...values, ...related, $prior: current };
      plan.conditions.check(values, candidate, current, errors);
      if (errors.length === 0 && plan.rules.length > 0) runRules(plan.rules, candidate, errors);
      return { values, errors };
    },
  };
}

interface WritableField {
  def: FieldDef;
  coerce: Coercer;
  /** Options with `active: false`: kept on an unchanged value, refused on a new one. */
  inactive: ReadonlySet<string> | undefined;
}

export interface CompiledRule {
  field: string;
  name: string;
  errorWhen: unknown;
  message: (record: object) => Label;
  failed: Label;
}

interface Plan {
  object: ObjectDoc;
  writable: Map<string, WritableField>;
  /** Computed fields by name; system fields are read-only too. */
  computed: Map<string, FieldDef>;
  required: FieldDef[];
  defaults: FieldDef[];
  withInactive: WritableField[];
  check: ValidateFunction;
  conditions: FieldConditions;
  rules: CompiledRule[];
}

const SYSTEM: ReadonlySet<string> = new Set(SYSTEM_FIELDS);
const hasOwn = Object.prototype.hasOwnProperty;

function compilePlan(object: ObjectDoc, rules: readonly ValidationRuleDoc[]): Plan {
  const live = object.fields.filter((f) => !f.removed);
  const writableDefs = live.filter((f) => !COMPUTED_FIELD_TYPES.has(f.type));
  const writable = new Map(writableDefs.map((def) => [def.name, writableField(def)] as const));
  return {
    object,
    writable,
    computed: new Map(live.filter((f) => COMPUTED_FIELD_TYPES.has(f.type)).map((f) => [f.name, f] as const)),
    required: writableDefs.filter((f) => f.required),
    defaults: writableDefs.filter(hasStaticDefault),
    withInactive: [...writable.values()].filter((w) => w.inactive),
    check: compileFieldSchema(writableDefs),
    conditions: compileFieldConditions(writableDefs),
    rules: rules.filter((r) => r.active !== false).map(compileRule),
  };
}

function writableField(def: FieldDef): WritableField {
  const inactive = (def.options ?? []).filter((o) => o.active === false).map((o) => o.value);
  return { def, coerce: coercerFor(def), inactive: inactive.length > 0 ? new Set(inactive) : undefined };
}

/** An object default is a JsonLogic expression, evaluated elsewhere; arrays and scalars are static. */
function hasStaticDefault(field: FieldDef): boolean {
  const value = field.default;
  return value !== undefined && value !== null && (typeof value !== 'object' || Array.isArray(value));
}

export function compileRule(rule: ValidationRuleDoc): CompiledRule {
  return {
    field: rule.field ?? '_record',
    name: rule.name,
    errorWhen: rule.errorWhen,
    message: compileMessage(rule.message),
    failed: ruleFailedMessage(rule.name, rule.label),
  };
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function notAnObject(): { values: Record<string, unknown>; errors: FieldError[] } {
  return { values: {}, errors: [{ field: '', rule: 'not_an_object', message: NOT_AN_OBJECT_MESSAGE }] };
}

function coerceInto(plan: Plan, input: Record<string, unknown>, values: Record<string, unknown>, errors: FieldError[]): void {
  for (const key in input) {
    if (!hasOwn.call(input, key)) continue;
    const field = plan.writable.get(key);
    if (field === undefined) errors.push(refusedKey(plan, key));
    else coerceOne(field, input[key], values, errors);
  }
}

function coerceOne(field: WritableField, raw: unknown, values: Record<string, unknown>, errors: FieldError[]): void {
  const value = field.coerce(raw);
  if (value instanceof CoercionFailure) errors.push(fieldError(field.def, value.rule));
  else values[field.def.name] = value;
}

function refusedKey(plan: Plan, key: string): FieldError {
  const computed = plan.computed.get(key);
  if (computed) return fieldError(computed, 'read_only');
  if (SYSTEM.has(key)) return { field: key, rule: 'read_only', message: systemFieldMessage(key) };
  return { field: key, rule: 'unknown_field', message: unknownFieldMessage(key, plan.object) };
}

function applyDefaults(plan: Plan, input: Record<string, unknown>, values: Record<string, unknown>, errors: FieldError[]): void {
  for (const def of plan.defaults) {
    if (hasOwn.call(input, def.name)) continue;
    const value = Array.isArray(def.default) ? [...def.default] : def.default;
    coerceOne(plan.writable.get(def.name)!, value, values, errors);
  }
}

/** Field-level checks: required, then the ajv validator, then inactive picklist options. One error per field. */
function checkFields(plan: Plan, values: Record<string, unknown>, errors: FieldError[], current: Record<string, unknown> | undefined): void {
  for (const def of plan.required) {
    const given = hasOwn.call(values, def.name);
    if ((given || current === undefined) && isEmpty(values[def.name]) && !hasError(errors, def.name)) {
      errors.push(fieldError(def, 'required'));
    }
  }
  if (!plan.check(values)) addAjvErrors(plan, plan.check.errors ?? [], errors);
  for (const field of plan.withInactive) {
    const name = field.def.name;
    if (hasOwn.call(values, name) && usesInactive(values[name], current?.[name], field.inactive!) && !hasError(errors, name)) {
      errors.push(fieldError(field.def, 'picklist'));
    }
  }
}

function usesInactive(value: unknown, before: unknown, inactive: ReadonlySet<string>): boolean {
  if (Array.isArray(value)) {
    return value.some((v) => inactive.has(v) && !(Array.isArray(before) && before.includes(v)));
  }
  return typeof value === 'string' && inactive.has(value) && value !== before;
}

const RULE_OF_KEYWORD: Record<string, string> = {
  maxLength: 'max_length', minLength: 'min_length', minimum: 'min', maximum: 'max',
  enum: 'picklist', format: 'format', pattern: 'pattern',
};

function addAjvErrors(plan: Plan, ajvErrors: ErrorObject[], errors: FieldError[]): void {
  for (const e of ajvErrors) {
    const name = e.instancePath.split('/')[1];
    const field = plan.writable.get(name);
    if (field && !hasError(errors, name)) errors.push(fieldError(field.def, RULE_OF_KEYWORD[e.keyword] ?? 'type'));
  }
}

function fieldError(def: FieldDef, rule: string): FieldError {
  return { field: def.name, rule, message: fieldMessage(def, rule) };
}

export function runRules(rules: CompiledRule[], record: Record<string, unknown>, errors: FieldError[]): void {
  for (const rule of rules) {
    try {
      if (isTruthy(evaluateLogic(rule.errorWhen, record))) {
        errors.push({ field: rule.field, rule: rule.name, message: rule.message(record) });
      }
    } catch {
      errors.push({ field: rule.field, rule: 'rule_failed', message: rule.failed });
    }
  }
}

// ---- the ajv validator compiled from the fields ----

const UUID_TYPES: ReadonlySet<FieldType> = new Set(['lookup', 'master_detail', 'file', 'image']);
const FORMAT_OF: Partial<Record<FieldType, string>> = { email: 'email', phone: 'phone', url: 'url', region: 'region' };
const JSON_TYPE_OF: Partial<Record<FieldType, string>> = {
  integer: 'integer', number: 'number', percent: 'number', boolean: 'boolean', geo_point: 'object', multi_picklist: 'array',
};

function compileFieldSchema(fields: FieldDef[]): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: true });
  ajvFormats.default(ajv, ['email', 'uuid']); // a CommonJS module: its `default` is the plugin under every loader
  ajv.addFormat('phone', isPhone);
  ajv.addFormat('region', /^\d{6}$/);
  ajv.addFormat('url', isWebUrl);
  const properties = Object.fromEntries(fields.map((f) => [f.name, fieldSchema(f)]));
  return ajv.compile({ type: 'object', properties });
}

/** Every property admits null: `required` is checked before ajv, so a missing or null value is never ajv's concern. */
function fieldSchema(field: FieldDef): Record<string, unknown> {
  const values = (field.options ?? []).map((o) => o.value);
  if (field.type === 'picklist') return { enum: [...values, null] };
  if (field.type === 'multi_picklist') return { type: ['array', 'null'], items: { enum: values } };
  const jsonType = JSON_TYPE_OF[field.type];
  if (jsonType) return { type: [jsonType, 'null'], ...bounds(field, jsonType) };
  return { type: ['string', 'null'], ...stringChecks(field) };
}

function bounds(field: FieldDef, jsonType: string): Record<string, number> {
  if (jsonType !== 'integer' && jsonType !== 'number') return {};
  return { ...(field.min !== undefined && { minimum: field.min }), ...(field.max !== undefined && { maximum: field.max }) };
}

function stringChecks(field: FieldDef): Record<string, unknown> {
  const format = UUID_TYPES.has(field.type) ? 'uuid' : FORMAT_OF[field.type];
  return {
    ...(field.maxLength !== undefined && { maxLength: field.maxLength }),
    ...(field.minLength !== undefined && { minLength: field.minLength }),
    ...(field.pattern !== undefined && { pattern: field.pattern }),
    ...(format !== undefined && { format }),
  };
}

const PHONE_CHARS = /^\+?[\d\s()-]+$/;

/** 5–20 digits; a Chinese mobile (a national number starting with 1, or after +86) has exactly 11. */
function isPhone(text: string): boolean {
  if (!PHONE_CHARS.test(text)) return false;
  const digits = text.replace(/\D/g, '');
  if (digits.length < 5 || digits.length > 20) return false;
  const national = !text.startsWith('+') ? digits : text.startsWith('+86') ? digits.slice(2) : '';
  return !national.startsWith('1') || national.length === 11;
}

function isWebUrl(text: string): boolean {
  return /^https?:\/\/\S+$/i.test(text) && URL.canParse(text);
}

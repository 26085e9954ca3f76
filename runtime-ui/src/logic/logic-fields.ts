/**
 * A visual condition builder's model of an object's fields, shared by the web apps (the list's filter builder, the
 * studio's JsonLogic editor): react-querybuilder fields whose operators suit each type and run in SQL, picklists as
 * selects with their labels, and the conversions between the builder's query and JsonLogic. A JsonLogic expression
 * the builder cannot show exactly is reported, never silently shown as something else.
 */
import type { TFunction } from 'i18next';
import { defaultRuleProcessorJsonLogic, formatQuery, type Field, type RuleGroupType, type RuleGroupTypeAny, type RuleProcessor } from 'react-querybuilder';
import { parseJsonLogic } from 'react-querybuilder/parseJsonLogic';
import type { FieldDef, JsonLogic } from '../../../metadata/src/types.ts';
import { valueType } from '../../../metadata/src/types.ts';
import { pick } from '../i18n/setup.ts';

/** What the builder needs of a field; `name` may be a lookup path (`dealer.tier`). */
export type LogicField = Pick<FieldDef, 'name' | 'type' | 'label' | 'options' | 'returns'>;

/** One builder field per field a condition may test. */
export type BuilderField = Field & { value: string };

const TEXT_OPS = ['=', '!=', 'contains', 'doesNotContain', 'null', 'notNull'];
const ORDERED_OPS = ['=', '!=', '<', '<=', '>', '>=', 'between', 'notBetween', 'null', 'notNull'];
const CHOICE_OPS = ['=', '!=', 'in', 'notIn', 'null', 'notNull'];
const MULTI_OPS = ['contains', 'doesNotContain', 'null', 'notNull'];
const PRESENCE_OPS = ['null', 'notNull'];
const BOOLEAN_OPS = ['=', 'null', 'notNull'];
const NUMERIC = new Set(['number', 'integer', 'money', 'percent']);
/** Types no condition can compare in the database. */
export const UNTESTABLE_TYPES: ReadonlySet<string> = new Set(['geo_point', 'file', 'image', 'rich_text']);
const VALUELESS = new Set(['null', 'notnull']);
const INPUT_TYPES: Record<string, string> = { date: 'date', datetime: 'datetime-local', number: 'number', integer: 'number', money: 'number', percent: 'number' };

export const EMPTY_QUERY: RuleGroupType = { combinator: 'and', rules: [] };

function operatorsOf(type: string): string[] {
  if (NUMERIC.has(type) || type === 'date' || type === 'datetime') return ORDERED_OPS;
  if (type === 'boolean') return BOOLEAN_OPS;
  if (type === 'picklist') return CHOICE_OPS;
  if (type === 'multi_picklist') return MULTI_OPS;
  if (type === 'lookup' || type === 'master_detail') return PRESENCE_OPS;
  return TEXT_OPS;
}

/** The builder's fields; `t` is the `logic` namespace (operator names, yes/no). */
export function builderFields(fields: readonly LogicField[], t: TFunction<'logic'>): BuilderField[] {
  return fields.filter((f) => !UNTESTABLE_TYPES.has(valueType(f))).map((f) => builderField(f, t));
}

function builderField(field: LogicField, t: TFunction<'logic'>): BuilderField {
  const type = valueType(field);
  const operators = operatorsOf(type).map((name) => ({ name, value: name, label: t(`operators.${name}`) }));
  const base: BuilderField = { name: field.name, value: field.name, label: pick(field.label), operators };
  if (type === 'boolean') {
    return { ...base, valueEditorType: 'radio', defaultValue: 'true', values: [{ name: 'true', value: 'true', label: t('yes') }, { name: 'false', value: 'false', label: t('no') }] };
  }
  if (field.options?.length) {
    const values = field.options.map((o) => ({ name: o.value, value: o.value, label: pick(o.label) }));
    return { ...base, values, defaultValue: values[0]?.name, valueEditorType: (op: string) => (op === 'in' || op === 'notIn' ? 'multiselect' : 'select') };
  }
  return { ...base, inputType: INPUT_TYPES[type] ?? 'text' };
}

/** The rule's value typed for the engine: numbers as numbers, booleans as booleans; empty values drop the rule. */
function typedValue(field: LogicField | undefined, value: unknown): unknown {
  const type = field ? valueType(field) : 'text';
  const one = (v: unknown) => {
    if (type === 'boolean') return v === true || v === 'true';
    if (NUMERIC.has(type) && typeof v === 'string' && v.trim() !== '') return Number(v);
    return v;
  };
  if (Array.isArray(value)) return value.map(one);
  if (typeof value === 'string' && value.includes(',') && NUMERIC.has(type)) return value.split(',').map(one);
  return one(value);
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0 || value.some((v) => v === '' || v === null || v === undefined);
  return typeof value === 'number' && Number.isNaN(value);
}

/** A one-condition `and`/`or` is the condition itself. */
function unwrapped(logic: JsonLogic): JsonLogic {
  if (typeof logic !== 'object' || logic === null || Array.isArray(logic)) return logic;
  const keys = Object.keys(logic);
  const only = (logic as Record<string, unknown>)[keys[0]];
  if (keys.length === 1 && (keys[0] === 'and' || keys[0] === 'or') && Array.isArray(only) && only.length === 1) return unwrapped(only[0]);
  return logic;
}

/** The builder's query as JsonLogic; undefined when it holds no complete condition. */
export function toJsonLogic(query: RuleGroupTypeAny, fields: readonly LogicField[]): JsonLogic | undefined {
  const ruleProcessor: RuleProcessor = (rule, options) => {
    if (VALUELESS.has(rule.operator.toLowerCase())) return defaultRuleProcessorJsonLogic(rule, options);
    const value = typedValue(fields.find((f) => f.name === rule.field), rule.value);
    if (isEmpty(value)) return false;
    return defaultRuleProcessorJsonLogic({ ...rule, value }, { ...options, parseNumbers: false });
  };
  const logic = formatQuery(query, { format: 'jsonlogic', ruleProcessor, parseNumbers: false });
  return logic === false || logic === null ? undefined : unwrapped(logic);
}

/** Booleans as the builder's radio values ('true'/'false'), every other value as parsed. */
function withEditorValues(query: RuleGroupType): RuleGroupType {
  return {
    ...query,
    rules: query.rules.map((rule) => {
      if (typeof rule === 'string') return rule;
      if ('rules' in rule) return withEditorValues(rule as RuleGroupType);
      return typeof rule.value === 'boolean' ? { ...rule, value: String(rule.value) } : rule;
    }),
  };
}

const canonical = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) =>
  (typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));

/**
 * The builder's query for a JsonLogic expression, or null when the builder cannot show it exactly (an operator,
 * a field or a shape it has no control for): turning the query back into JsonLogic must give the same expression.
 */
export function toQuery(logic: JsonLogic | undefined, fields: readonly LogicField[], shown: readonly BuilderField[]): RuleGroupType | null {
  if (logic === undefined || logic === null) return EMPTY_QUERY;
  let query: RuleGroupType;
  try {
    query = withEditorValues(parseJsonLogic(logic as Parameters<typeof parseJsonLogic>[0], { fields: [...shown], listsAsArrays: true }));
  } catch {
    return null;
  }
  if (!offersEveryOperator(query, shown)) return null;
  return canonical(toJsonLogic(query, fields)) === canonical(unwrapped(logic)) ? query : null;
}

/** Whether each condition's operator is one its field's operator list offers. */
function offersEveryOperator(query: RuleGroupType, shown: readonly BuilderField[]): boolean {
  return query.rules.every((rule) => {
    if (typeof rule === 'string') return true;
    if ('rules' in rule) return offersEveryOperator(rule as RuleGroupType, shown);
    const operators = shown.find((f) => f.name === rule.field)?.operators as { name: string }[] | undefined;
    return operators?.some((op) => op.name === rule.operator) ?? false;
  });
}

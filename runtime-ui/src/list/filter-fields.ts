/**
 * The filter builder's fields and the JsonLogic it exports, from the object's metadata: operators that suit each
 * type and that the engine runs in SQL, picklists as selects, and values typed (numbers, booleans) before export.
 */
import type { TFunction } from 'i18next';
import { defaultRuleProcessorJsonLogic, formatQuery, type Field, type RuleGroupType, type RuleProcessor } from 'react-querybuilder';
import type { JsonLogic } from '../../../metadata/src/types.ts';
import { valueType } from '../../../metadata/src/types.ts';
import type { UiField, UiObject } from '../../../metadata/src/ui-contract.ts';
import { pick } from '../i18n/index.ts';

const TEXT_OPS = ['=', '!=', 'contains', 'doesNotContain', 'null', 'notNull'];
const ORDERED_OPS = ['=', '!=', '<', '<=', '>', '>=', 'between', 'notBetween', 'null', 'notNull'];
const CHOICE_OPS = ['=', '!=', 'in', 'notIn', 'null', 'notNull'];
const MULTI_OPS = ['contains', 'doesNotContain', 'null', 'notNull'];
const PRESENCE_OPS = ['null', 'notNull'];
const BOOLEAN_OPS = ['=', 'null', 'notNull'];
const NUMERIC = new Set(['number', 'integer', 'money', 'percent']);
const UNFILTERABLE = new Set(['geo_point', 'file', 'image', 'rich_text']);
const VALUELESS = new Set(['null', 'notnull']);

function operatorsOf(type: string): string[] {
  if (NUMERIC.has(type) || type === 'date' || type === 'datetime') return ORDERED_OPS;
  if (type === 'boolean') return BOOLEAN_OPS;
  if (type === 'picklist') return CHOICE_OPS;
  if (type === 'multi_picklist') return MULTI_OPS;
  if (type === 'lookup' || type === 'master_detail') return PRESENCE_OPS;
  return TEXT_OPS;
}

const INPUT_TYPES: Record<string, string> = { date: 'date', datetime: 'datetime-local', number: 'number', integer: 'number', money: 'number', percent: 'number' };

/** One builder field per filterable field the user may read. */
export type BuilderField = Field & { value: string };

export function builderFields(ui: UiObject, t: TFunction<'list'>): BuilderField[] {
  return ui.fields.filter((f) => f.filterable && !UNFILTERABLE.has(valueType(f))).map((f) => builderField(f, t));
}

function builderField(field: UiField, t: TFunction<'list'>): BuilderField {
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
function typedValue(field: UiField | undefined, value: unknown): unknown {
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

/** The builder's query as JsonLogic for `filter=`; undefined when it holds no complete condition. */
export function toJsonLogic(query: RuleGroupType, ui: UiObject): JsonLogic | undefined {
  const ruleProcessor: RuleProcessor = (rule, options) => {
    if (VALUELESS.has(rule.operator.toLowerCase())) return defaultRuleProcessorJsonLogic(rule, options);
    const value = typedValue(ui.fields.find((f) => f.name === rule.field), rule.value);
    if (isEmpty(value)) return false;
    return defaultRuleProcessorJsonLogic({ ...rule, value }, { ...options, parseNumbers: false });
  };
  const logic = formatQuery(query, { format: 'jsonlogic', ruleProcessor, parseNumbers: false });
  return logic === false || logic === null ? undefined : logic;
}

/** Checks of one field that need nothing beyond the field itself and the names of known objects. */
import { problem } from './problem.ts';
import type { FieldDef, FieldType, Problem } from './types.ts';
import type { ObjectsByName } from './var-scope.ts';

const TEXT_TYPES: FieldType[] = ['text', 'long_text', 'rich_text', 'email', 'phone', 'url'];
const NUMBER_TYPES: FieldType[] = ['number', 'integer', 'money', 'percent'];
const COMPUTED_TYPES: FieldType[] = ['formula', 'rollup'];

/** The types each type-specific property belongs to. */
const PROPERTY_TYPES: Partial<Record<keyof FieldDef, FieldType[]>> = {
  maxLength: TEXT_TYPES, minLength: TEXT_TYPES, pattern: TEXT_TYPES,
  min: NUMBER_TYPES, max: NUMBER_TYPES,
  scale: ['number', 'money', 'percent', ...COMPUTED_TYPES],
  options: ['picklist', 'multi_picklist'],
  target: ['lookup', 'master_detail'],
  format: ['autonumber'],
  returns: COMPUTED_TYPES,
  expression: ['formula'],
  computeOn: ['formula'],
  of: ['rollup'], via: ['rollup'], aggregate: ['rollup'], field: ['rollup'],
};

const NO_DEFAULT_TYPES: FieldType[] = ['autonumber', 'formula', 'rollup', 'file', 'image', 'geo_point'];

export function checkField(field: FieldDef, path: string, objects: ObjectsByName): Problem[] {
  return [
    ...misplacedProperties(field, path),
    ...checkOptions(field, path),
    ...checkRanges(field, path),
    ...checkTarget(field, path, objects),
    ...checkFormat(field, path),
    ...checkDefault(field, path),
  ];
}

function misplacedProperties(field: FieldDef, path: string): Problem[] {
  return Object.entries(PROPERTY_TYPES)
    .filter(([key, types]) => key in field && !types.includes(field.type))
    .map(([key]) => problem(`${path}/${key}`, 'property_not_allowed',
      `${field.type} 类型的字段不能有属性 ${key}`, `a ${field.type} field may not have property ${key}`));
}

function checkOptions(field: FieldDef, path: string): Problem[] {
  if (field.type !== 'picklist' && field.type !== 'multi_picklist') return [];
  if (!field.options?.length) {
    return [problem(`${path}/options`, 'missing_options', '选项列表字段须有选项', 'a picklist field needs options')];
  }
  const seen = new Set<string>();
  return field.options.flatMap((option, i) => {
    if (!seen.has(option.value)) { seen.add(option.value); return []; }
    return [problem(`${path}/options/${i}/value`, 'duplicate_option',
      `选项值 ${option.value} 重复`, `option value ${option.value} is repeated`)];
  });
}

function checkRanges(field: FieldDef, path: string): Problem[] {
  const found: Problem[] = [];
  if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
    found.push(problem(`${path}/min`, 'bad_range', `min (${field.min}) 大于 max (${field.max})`, `min (${field.min}) is greater than max (${field.max})`));
  }
  if (field.minLength !== undefined && field.maxLength !== undefined && field.minLength > field.maxLength) {
    found.push(problem(`${path}/minLength`, 'bad_range', `minLength (${field.minLength}) 大于 maxLength (${field.maxLength})`,
      `minLength (${field.minLength}) is greater than maxLength (${field.maxLength})`));
  }
  if (field.scale !== undefined && (field.scale < 0 || field.scale > 10)) {
    found.push(problem(`${path}/scale`, 'bad_scale', `scale 须在 0 到 10 之间`, `scale must be between 0 and 10`));
  }
  return found;
}

function checkTarget(field: FieldDef, path: string, objects: ObjectsByName): Problem[] {
  if (field.type !== 'lookup' && field.type !== 'master_detail') return [];
  if (field.target === undefined) {
    return [problem(`${path}/target`, 'missing_property', '缺少必填属性 target', 'missing required property target')];
  }
  if (objects.has(field.target)) return [];
  return [problem(`${path}/target`, 'unknown_object', `未知对象 ${field.target}`, `unknown object ${field.target}`)];
}

function checkFormat(field: FieldDef, path: string): Problem[] {
  if (field.type !== 'autonumber' || field.format === undefined || /\{0+\}/.test(field.format)) return [];
  return [problem(`${path}/format`, 'bad_format', '编号格式须含计数占位符，如 {000000}',
    'an autonumber format needs a counter placeholder such as {000000}')];
}

function checkDefault(field: FieldDef, path: string): Problem[] {
  if (!('default' in field) || field.default === null || fitsType(field, field.default)) return [];
  return [problem(`${path}/default`, 'bad_default', `默认值不符合 ${field.type} 类型`, `the default does not fit type ${field.type}`)];
}

function fitsType(field: FieldDef, value: unknown): boolean {
  const values = new Set((field.options ?? []).map((o) => o.value));
  switch (field.type) {
    case 'integer': return Number.isInteger(value);
    case 'number': case 'money': case 'percent': return typeof value === 'number';
    case 'boolean': return typeof value === 'boolean';
    case 'date': return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
    case 'datetime': return typeof value === 'string' && !Number.isNaN(Date.parse(value));
    case 'picklist': return typeof value === 'string' && values.has(value);
    case 'multi_picklist': return Array.isArray(value) && value.every((v) => values.has(v));
    default: return !NO_DEFAULT_TYPES.includes(field.type) && typeof value === 'string';
  }
}

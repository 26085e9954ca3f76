/**
 * A field definition as the field drawer edits it, and back. The drawer edits the properties below; any other
 * property the field has (a `visibleWhen`, say) is kept as it is.
 */
import { COMPUTED_FIELD_TYPES, type FieldDef, type FieldType, type JsonLogic, type Label } from '../../../metadata/src/types.ts';

const TEXT_TYPES: FieldType[] = ['text', 'long_text', 'rich_text', 'email', 'phone', 'url'];
const NUMBER_TYPES: FieldType[] = ['number', 'integer', 'money', 'percent'];
/** Types whose value is a reference or a structure, not something to type as a default. */
const NO_DEFAULT_TYPES: FieldType[] = [...COMPUTED_FIELD_TYPES, 'lookup', 'master_detail', 'file', 'image', 'geo_point'];

/** Which type-specific properties the drawer shows for a type. */
export const fieldTraits = (type: FieldType | undefined) => ({
  text: !!type && TEXT_TYPES.includes(type),
  number: !!type && NUMBER_TYPES.includes(type),
  scale: !!type && NUMBER_TYPES.includes(type) && type !== 'integer',
  options: type === 'picklist' || type === 'multi_picklist',
  target: type === 'lookup' || type === 'master_detail',
  format: type === 'autonumber',
  formula: type === 'formula',
  rollup: type === 'rollup',
  returns: type === 'formula' || type === 'rollup',
  stored: !!type && !COMPUTED_FIELD_TYPES.has(type),
  default: !!type && !NO_DEFAULT_TYPES.includes(type),
});

/** Numbers an emptied input leaves as null. */
type Cleared<T> = { [K in keyof T]?: T[K] | null };

export type FieldValues = Pick<FieldDef, 'name' | 'type' | 'label'>
  & Partial<Pick<FieldDef, 'description' | 'required' | 'unique' | 'removed' | 'pattern' | 'options' | 'target' | 'format' | 'returns' | 'computeOn' | 'of' | 'via' | 'aggregate' | 'field'>>
  & Cleared<Pick<FieldDef, 'maxLength' | 'minLength' | 'min' | 'max' | 'scale'>>
  & {
    indexed?: boolean;
    default?: string | number | boolean | string[] | null;
    /** Edited by the formula's LogicBuilder, which keeps its own text and hands back JsonLogic. */
    expression?: JsonLogic;
  };

/** The field properties the drawer edits. */
export const FIELD_FORM_KEYS = [
  'name', 'type', 'label', 'description', 'required', 'unique', 'removed', 'default', 'maxLength', 'minLength', 'pattern', 'min', 'max', 'scale',
  'options', 'target', 'format', 'returns', 'expression', 'computeOn', 'of', 'via', 'aggregate', 'field',
] as const;

export function toFormValues(field: FieldDef, indexed: boolean): FieldValues {
  const { default: defaultValue, ...rest } = field;
  return {
    ...(rest as Omit<FieldValues, 'default'>),
    indexed,
    default: defaultValue === undefined ? undefined : (defaultValue as FieldValues['default']),
  };
}

const isBlank = (value: unknown) => value === undefined || value === null || value === '';

function label(value: Partial<Label> | undefined): Partial<Label> | undefined {
  const entries = Object.entries(value ?? {}).filter(([, text]) => !isBlank(text));
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/** The field definition the form describes, over `original` (its unmanaged properties kept). */
export function toFieldDef(values: FieldValues, original?: FieldDef): FieldDef {
  const kept: Record<string, unknown> = { ...original };
  for (const key of FIELD_FORM_KEYS) delete kept[key];
  const traits = fieldTraits(values.type);
  const picked: Record<string, unknown> = {
    name: values.name,
    type: values.type,
    label: values.label,
    description: label(values.description),
    required: values.required || undefined,
    unique: traits.stored && values.unique ? true : undefined,
    removed: values.removed || undefined,
    default: traits.default ? defaultOf(values) : undefined,
    ...(traits.text && { maxLength: values.maxLength, minLength: values.minLength, pattern: values.pattern }),
    ...(traits.number && { min: values.min, max: values.max }),
    ...(traits.scale && { scale: values.scale }),
    ...(traits.options && { options: values.options?.map((o) => ({ ...o, label: { 'zh-CN': o.label['zh-CN'], en: o.label.en } })) }),
    ...(traits.target && { target: values.target }),
    ...(traits.format && { format: values.format }),
    ...(traits.returns && { returns: values.returns }),
    ...(traits.formula && { expression: values.expression, computeOn: values.computeOn }),
    ...(traits.rollup && { of: values.of, via: values.via, aggregate: values.aggregate, field: values.field }),
  };
  const field = Object.fromEntries(Object.entries(picked).filter(([, value]) => !isBlank(value)));
  return { ...kept, ...field } as unknown as FieldDef;
}

function defaultOf(values: FieldValues): unknown {
  if (isBlank(values.default) || (Array.isArray(values.default) && !values.default.length)) return undefined;
  return fieldTraits(values.type).number ? Number(values.default) : values.default;
}

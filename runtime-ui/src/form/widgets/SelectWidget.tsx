/** select and multiselect: an antd Select with the picklist's labels in the UI language. */
import type { WidgetProps } from '@rjsf/utils';
import { Select } from 'antd';
import { pick } from '../../i18n/index.ts';
import { fieldOf, type RecordFormContext } from '../form-context.ts';

interface Option { value: string; label: string }

function optionsOf({ name, options, registry }: WidgetProps): Option[] {
  const field = fieldOf(registry.formContext as RecordFormContext, name);
  if (field?.options?.length) return field.options.map((o) => ({ value: o.value, label: pick(o.label) || o.value }));
  return (options.enumOptions ?? []).map((o) => ({ value: String(o.value), label: String(o.label) }));
}

export function SelectWidget(props: WidgetProps) {
  const { id, value, onChange, onBlur, onFocus, disabled, readonly, placeholder } = props;
  const multiple = props.options.multiple === true || Array.isArray(value) || props.schema.type === 'array';
  return (
    <Select
      id={id}
      style={{ width: '100%' }}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      value={multiple ? (Array.isArray(value) ? value : []) : value ?? undefined}
      options={optionsOf(props)}
      disabled={disabled || readonly}
      placeholder={placeholder}
      onChange={(next) => onChange(next === undefined || (Array.isArray(next) && !next.length) ? undefined : next)}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
    />
  );
}

export const MultiSelectWidget = (props: WidgetProps) => <SelectWidget {...props} options={{ ...props.options, multiple: true }} />;

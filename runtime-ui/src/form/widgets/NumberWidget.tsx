/** number, integer, percent and money: an antd InputNumber. Money shows ¥ and two decimals and is sent as a decimal string. */
import type { WidgetProps } from '@rjsf/utils';
import { InputNumber } from 'antd';
import type { RecordFormContext } from '../form-context.ts';
import { fieldOf } from '../form-context.ts';

type Kind = 'number' | 'integer' | 'percent' | 'money';

export function NumberWidget({ id, value, onChange, onBlur, onFocus, disabled, readonly, schema, options, registry, name }: WidgetProps) {
  const kind = (options.kind as Kind | undefined) ?? 'number';
  const field = fieldOf(registry.formContext as RecordFormContext, name);
  const scale = kind === 'integer' ? 0 : kind === 'money' ? field?.scale ?? 2 : field?.scale;
  // Money keeps every cent as a decimal string, unless the schema asks for a number.
  const types = [schema.type].flat();
  const asString = types.includes('string') || (kind === 'money' && !types.includes('number'));
  return (
    <InputNumber<string>
      id={id}
      style={{ width: '100%' }}
      stringMode
      value={value === undefined || value === null ? null : String(value)}
      precision={scale}
      prefix={kind === 'money' ? '¥' : undefined}
      suffix={kind === 'percent' ? '%' : undefined}
      min={typeof schema.minimum === 'number' ? String(schema.minimum) : undefined}
      max={typeof schema.maximum === 'number' ? String(schema.maximum) : undefined}
      disabled={disabled || readonly}
      onChange={(next) => onChange(next === null || next === '' ? undefined : asString ? next : Number(next))}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
    />
  );
}

export const numberWidget = (kind: Kind) => (props: WidgetProps) => <NumberWidget {...props} options={{ ...props.options, kind }} />;

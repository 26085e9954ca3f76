/** text, email, phone, url: an antd Input of the matching type. */
import type { WidgetProps } from '@rjsf/utils';
import { Input } from 'antd';

const TYPES: Record<string, string> = { email: 'email', phone: 'tel', url: 'url' };

export function InputWidget({ id, value, onChange, onBlur, onFocus, disabled, readonly, schema, options, placeholder, rawErrors }: WidgetProps) {
  const type = TYPES[String(options.widget ?? '')] ?? 'text';
  return (
    <Input
      id={id}
      type={type}
      value={value ?? ''}
      maxLength={typeof schema.maxLength === 'number' ? schema.maxLength : undefined}
      disabled={disabled || readonly}
      placeholder={placeholder}
      status={rawErrors?.length ? 'error' : undefined}
      onChange={(e) => onChange(e.target.value === '' ? options.emptyValue : e.target.value)}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
    />
  );
}

export const inputWidget = (widget: string) => (props: WidgetProps) => <InputWidget {...props} options={{ ...props.options, widget }} />;

/** textarea and richtext (kept as plain text in the form): a growing antd TextArea. */
import type { WidgetProps } from '@rjsf/utils';
import { Input } from 'antd';

export function TextareaWidget({ id, value, onChange, onBlur, onFocus, disabled, readonly, schema, placeholder, options }: WidgetProps) {
  return (
    <Input.TextArea
      id={id}
      value={value ?? ''}
      autoSize={{ minRows: 3, maxRows: 12 }}
      maxLength={typeof schema.maxLength === 'number' ? schema.maxLength : undefined}
      disabled={disabled || readonly}
      placeholder={placeholder}
      onChange={(e) => onChange(e.target.value === '' ? options.emptyValue : e.target.value)}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
    />
  );
}

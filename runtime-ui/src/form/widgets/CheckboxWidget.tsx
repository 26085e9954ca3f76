/** A boolean: an antd Checkbox carrying the field's label (the field template leaves it out for checkboxes). */
import type { WidgetProps } from '@rjsf/utils';
import { Checkbox } from 'antd';

export function CheckboxWidget({ id, value, onChange, disabled, readonly, label }: WidgetProps) {
  return (
    <Checkbox id={id} checked={value === true} disabled={disabled || readonly} onChange={(e) => onChange(e.target.checked)}>
      {label}
    </Checkbox>
  );
}

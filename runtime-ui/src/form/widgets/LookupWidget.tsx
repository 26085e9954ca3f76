/** A lookup field of a record form: the LookupSelect, told its target by the field. */
import type { WidgetProps } from '@rjsf/utils';
import { fieldOf, type RecordFormContext } from '../form-context.ts';
import { LookupSelect } from './LookupSelect.tsx';

export function LookupWidget({ id, name, value, onChange, onBlur, onFocus, disabled, readonly, options, registry, placeholder }: WidgetProps) {
  const field = fieldOf(registry.formContext as RecordFormContext, name);
  return (
    <LookupSelect
      id={id}
      testId={`lookup-${name}`}
      target={String(options.target ?? field?.target ?? '')}
      titleField={(options.targetTitleField as string | null | undefined) ?? field?.targetTitleField ?? null}
      value={typeof value === 'string' ? value : undefined}
      onChange={onChange}
      placeholder={placeholder}
      disabled={disabled || readonly}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
    />
  );
}

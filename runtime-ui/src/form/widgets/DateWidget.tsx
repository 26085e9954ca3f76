/** date and datetime: an antd DatePicker; dates travel as `YYYY-MM-DD`, datetimes as ISO instants. */
import type { WidgetProps } from '@rjsf/utils';
import { DatePicker } from 'antd';
import dayjs from 'dayjs';

export default function DateWidget({ id, value, onChange, onBlur, onFocus, disabled, readonly, options, placeholder }: WidgetProps) {
  const withTime = options.widget === 'datetime';
  const parsed = typeof value === 'string' && value ? dayjs(value) : null;
  return (
    <DatePicker
      id={id}
      style={{ width: '100%' }}
      showTime={withTime ? { format: 'HH:mm' } : false}
      format={withTime ? 'YYYY-MM-DD HH:mm' : 'YYYY-MM-DD'}
      value={parsed?.isValid() ? parsed : null}
      disabled={disabled || readonly}
      placeholder={placeholder || undefined}
      onChange={(next) => onChange(next ? (withTime ? next.toISOString() : next.format('YYYY-MM-DD')) : undefined)}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
    />
  );
}

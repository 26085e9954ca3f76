/** A value the user may see but not change, shown as text the way read views show it. */
import type { WidgetProps } from '@rjsf/utils';
import { Typography } from 'antd';
import { currentLanguage } from '../../i18n/index.ts';
import { formatValue } from '../../lib/format.ts';
import { fieldOf, type RecordFormContext } from '../form-context.ts';

export function ReadonlyWidget({ id, value, name, registry }: WidgetProps) {
  const field = fieldOf(registry.formContext as RecordFormContext, name);
  const text = field ? formatValue(field, value, currentLanguage()) : value === undefined || value === null ? '' : String(value);
  return <Typography.Text id={id} data-testid={`field-readonly-${name}`}>{text || '—'}</Typography.Text>;
}

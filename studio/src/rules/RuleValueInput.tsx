/** One value typed in for a try-out: the control suits the field's type (options, yes/no, number, date, text). */
import { DatePicker, Input, InputNumber, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { FieldDef } from '../../../metadata/src/types.ts';
import { valueType } from '../../../metadata/src/types.ts';
import { pick } from '../i18n/index.ts';

const NUMERIC = new Set(['number', 'integer', 'money', 'percent']);

interface Props {
  field: FieldDef | undefined;
  value: unknown;
  onChange: (value: unknown) => void;
  testId: string;
}

export function RuleValueInput({ field, value, onChange, testId }: Props) {
  const { t } = useTranslation('rules');
  const type = field ? valueType(field) : 'text';
  const common = { 'data-testid': testId, style: { width: '100%' }, allowClear: true };
  const searchable = { ...common, showSearch: { optionFilterProp: 'label' } };
  if (field?.options?.length) {
    const options = field.options.map((o) => ({ value: o.value, label: pick(o.label) }));
    return <Select {...searchable} mode={type === 'multi_picklist' ? 'multiple' : undefined} value={value ?? undefined} onChange={(v: unknown) => onChange(v)} options={options} />;
  }
  if (type === 'boolean') {
    return <Select {...searchable} value={value ?? undefined} onChange={(v: unknown) => onChange(v)} options={[{ value: true, label: t('try.yes') }, { value: false, label: t('try.no') }]} />;
  }
  if (NUMERIC.has(type)) return <InputNumber data-testid={testId} style={{ width: '100%' }} value={value as number | null} onChange={(v) => onChange(v ?? undefined)} />;
  if (type === 'date') {
    return <DatePicker {...common} value={typeof value === 'string' ? dayjs(value) : null} onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : undefined)} />;
  }
  return <Input data-testid={testId} allowClear value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || undefined)} />;
}

/**
 * A lookup as a plain control: an antd Select searching the target's records by title as the user types (debounced),
 * showing titles and keeping the id as the value; the current value's title is fetched. `narrow` (a list filter)
 * keeps the choices to some records, e.g. the departments of one hospital.
 */
import { Select, Spin } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JsonLogic } from '../../../../metadata/src/types.ts';
import { useDebouncedValue } from '../use-debounced-value.ts';
import { useLookupSearch, useLookupTitle } from './lookup-queries.ts';

const TYPE_AHEAD_DELAY = 250;

export interface LookupSelectProps {
  id?: string;
  testId: string;
  target: string;
  titleField: string | null;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  narrow?: JsonLogic;
  placeholder?: string;
  disabled?: boolean;
  onBlur?: () => void;
  onFocus?: () => void;
}

export function LookupSelect({ id, testId, target, titleField, value, onChange, narrow, placeholder, disabled, onBlur, onFocus }: LookupSelectProps) {
  const { t } = useTranslation('form');
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const query = useDebouncedValue(text, TYPE_AHEAD_DELAY);
  const search = useLookupSearch(target, titleField, query, open, narrow);
  const current = useLookupTitle(target, titleField, value);
  const choices = useMemo(() => {
    const found = (search.data?.data ?? []).map((r) => ({ value: r.id, label: titleOf(r, titleField) }));
    if (value && !found.some((o) => o.value === value)) found.unshift({ value, label: current.data ?? value });
    return found;
  }, [search.data, value, current.data, titleField]);
  return (
    <Select
      id={id}
      data-testid={testId}
      style={{ width: '100%' }}
      allowClear
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      value={value}
      options={choices}
      placeholder={placeholder || t('lookupPlaceholder')}
      notFoundContent={search.isFetching ? <Spin size="small" /> : t('noMatches')}
      disabled={disabled}
      onOpenChange={setOpen}
      onChange={(next) => { onChange(next ?? undefined); setText(''); }}
      onBlur={onBlur}
      onFocus={onFocus}
    />
  );
}

function titleOf(record: Record<string, unknown>, titleField: string | null): string {
  const title = titleField ? record[titleField] : undefined;
  return title === undefined || title === null || title === '' ? String(record.id) : String(title);
}

/**
 * A lookup: an antd Select searching the target's records by title as the user types (debounced), showing titles
 * and keeping the id as the value; the current value's title is fetched.
 */
import type { WidgetProps } from '@rjsf/utils';
import { Select, Spin } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldOf, type RecordFormContext } from '../form-context.ts';
import { useDebouncedValue } from '../use-debounced-value.ts';
import { useLookupSearch, useLookupTitle } from './lookup-queries.ts';

const TYPE_AHEAD_DELAY = 250;

export function LookupWidget({ id, name, value, onChange, onBlur, onFocus, disabled, readonly, options, registry, placeholder }: WidgetProps) {
  const { t } = useTranslation('form');
  const field = fieldOf(registry.formContext as RecordFormContext, name);
  const target = String(options.target ?? field?.target ?? '');
  const titleField = (options.targetTitleField as string | null | undefined) ?? field?.targetTitleField ?? null;
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const query = useDebouncedValue(text, TYPE_AHEAD_DELAY);
  const search = useLookupSearch(target, titleField, query, open);
  const current = useLookupTitle(target, titleField, typeof value === 'string' ? value : undefined);
  const choices = useMemo(() => {
    const found = (search.data?.data ?? []).map((r) => ({ value: r.id, label: titleOf(r, titleField) }));
    if (typeof value === 'string' && !found.some((o) => o.value === value)) found.unshift({ value, label: current.data ?? value });
    return found;
  }, [search.data, value, current.data, titleField]);
  return (
    <Select
      id={id}
      data-testid={`lookup-${name}`}
      style={{ width: '100%' }}
      allowClear
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      value={typeof value === 'string' ? value : undefined}
      options={choices}
      placeholder={placeholder || t('lookupPlaceholder')}
      notFoundContent={search.isFetching ? <Spin size="small" /> : t('noMatches')}
      disabled={disabled || readonly}
      onOpenChange={setOpen}
      onChange={(next) => { onChange(next ?? undefined); setText(''); }}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
    />
  );
}

function titleOf(record: Record<string, unknown>, titleField: string | null): string {
  const title = titleField ? record[titleField] : undefined;
  return title === undefined || title === null || title === '' ? String(record.id) : String(title);
}

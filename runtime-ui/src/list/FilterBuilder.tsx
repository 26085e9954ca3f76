/**
 * The list's filter builder (its own chunk): the shared visual condition builder over the object's filterable
 * fields, starting from the list's current filter, applied as JsonLogic.
 */
import { useMemo, useState } from 'react';
import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RuleGroupType } from 'react-querybuilder';
import type { JsonLogic } from '../../../metadata/src/types.ts';
import type { UiObject } from '../../../metadata/src/ui-contract.ts';
import { builderFields, EMPTY_QUERY, toJsonLogic, toQuery } from '../logic/logic-fields.ts';
import { LogicQueryBuilder } from '../logic/LogicQueryBuilder.tsx';

export interface FilterBuilderProps {
  ui: UiObject;
  value: JsonLogic | undefined;
  onApply: (filter: JsonLogic | undefined) => void;
}

export default function FilterBuilder({ ui, value, onApply }: FilterBuilderProps) {
  const { t } = useTranslation('list');
  const { t: tLogic } = useTranslation('logic');
  const filterable = useMemo(() => ui.fields.filter((f) => f.filterable), [ui]);
  const fields = useMemo(() => builderFields(filterable, tLogic), [filterable, tLogic]);
  // A filter the builder cannot show (typed into the address) starts it empty; applying replaces it.
  const [query, setQuery] = useState<RuleGroupType>(() => toQuery(value, filterable, fields) ?? EMPTY_QUERY);
  return (
    <div data-testid="filter-builder">
      <LogicQueryBuilder fields={fields} query={query} onQueryChange={setQuery} />
      <Flex gap={8} justify="flex-end" style={{ marginTop: 12 }}>
        <Button onClick={() => { setQuery(EMPTY_QUERY); onApply(undefined); }} data-testid="filter-clear">{t('clearFilter')}</Button>
        <Button type="primary" onClick={() => onApply(toJsonLogic(query, filterable))} data-testid="filter-apply">{t('applyFilter')}</Button>
      </Flex>
    </div>
  );
}

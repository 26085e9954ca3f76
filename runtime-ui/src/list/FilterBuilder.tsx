/**
 * The list's filter builder (its own chunk): react-querybuilder with antd controls over the object's filterable
 * fields, starting from the list's current filter, applied as JsonLogic.
 */
import { useMemo, useState } from 'react';
import { QueryBuilderAntD } from '@react-querybuilder/antd';
import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryBuilder, type RuleGroupType } from 'react-querybuilder';
import { parseJsonLogic } from 'react-querybuilder/parseJsonLogic';
import 'react-querybuilder/dist/query-builder.css';
import type { JsonLogic } from '../../../metadata/src/types.ts';
import type { UiObject } from '../../../metadata/src/ui-contract.ts';
import { builderFields, toJsonLogic } from './filter-fields.ts';

export interface FilterBuilderProps {
  ui: UiObject;
  value: JsonLogic | undefined;
  onApply: (filter: JsonLogic | undefined) => void;
}

const EMPTY: RuleGroupType = { combinator: 'and', rules: [] };

function initialQuery(value: JsonLogic | undefined, fields: ReturnType<typeof builderFields>): RuleGroupType {
  if (!value) return EMPTY;
  try {
    return parseJsonLogic(value as Parameters<typeof parseJsonLogic>[0], { fields });
  } catch {
    return EMPTY;
  }
}

export default function FilterBuilder({ ui, value, onApply }: FilterBuilderProps) {
  const { t } = useTranslation('list');
  const fields = useMemo(() => builderFields(ui, t), [ui, t]);
  const [query, setQuery] = useState<RuleGroupType>(() => initialQuery(value, fields));
  const combinators = [{ name: 'and', value: 'and', label: t('builder.and') }, { name: 'or', value: 'or', label: t('builder.or') }];
  const translations = {
    addRule: { label: `+ ${t('builder.addRule')}`, title: t('builder.addRule') },
    addGroup: { label: `+ ${t('builder.addGroup')}`, title: t('builder.addGroup') },
    removeRule: { label: '✕', title: t('builder.removeRule') },
    removeGroup: { label: '✕', title: t('builder.removeGroup') },
  };
  return (
    <div data-testid="filter-builder">
      <QueryBuilderAntD>
        <QueryBuilder
          fields={fields}
          query={query}
          onQueryChange={setQuery}
          combinators={combinators}
          translations={translations}
          resetOnFieldChange
          controlClassnames={{ queryBuilder: 'queryBuilder-branches' }}
        />
      </QueryBuilderAntD>
      <Flex gap={8} justify="flex-end" style={{ marginTop: 12 }}>
        <Button onClick={() => { setQuery(EMPTY); onApply(undefined); }} data-testid="filter-clear">{t('clearFilter')}</Button>
        <Button type="primary" onClick={() => onApply(toJsonLogic(query, ui))} data-testid="filter-apply">{t('applyFilter')}</Button>
      </Flex>
    </div>
  );
}

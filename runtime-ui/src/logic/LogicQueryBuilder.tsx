/**
 * The visual condition builder of the web apps: react-querybuilder with antd controls, AND/OR groups, searchable
 * selects and texts from the `logic` namespace. The caller owns the query and converts it (logic-fields.ts).
 */
import { AntDNotToggle, AntDValueSelector, QueryBuilderAntD } from '@react-querybuilder/antd';
import { useTranslation } from 'react-i18next';
import { QueryBuilder, type NotToggleProps, type RuleGroupType, type ValueSelectorProps } from 'react-querybuilder';
import 'react-querybuilder/dist/query-builder.css';
import type { BuilderField } from './logic-fields.ts';

export interface LogicQueryBuilderProps {
  fields: BuilderField[];
  query: RuleGroupType;
  onQueryChange: (query: RuleGroupType) => void;
  /** Offer a NOT switch on each group. */
  showNot?: boolean;
}

/** antd's select with typing to filter the options (long field lists). */
const SearchableSelector = (props: ValueSelectorProps) => <AntDValueSelector {...props} showSearch />;

/** antd's NOT switch reads "=" when off; a switch labelled NOT reads NOT either way, its position says which. */
const NotSwitch = (props: NotToggleProps) => <AntDNotToggle {...props} unCheckedChildren={props.label} />;

export function LogicQueryBuilder({ fields, query, onQueryChange, showNot = false }: LogicQueryBuilderProps) {
  const { t } = useTranslation('logic');
  const combinators = [{ name: 'and', value: 'and', label: t('builder.and') }, { name: 'or', value: 'or', label: t('builder.or') }];
  const translations = {
    addRule: { label: `+ ${t('builder.addRule')}`, title: t('builder.addRule') },
    addGroup: { label: `+ ${t('builder.addGroup')}`, title: t('builder.addGroup') },
    removeRule: { label: '✕', title: t('builder.removeRule') },
    removeGroup: { label: '✕', title: t('builder.removeGroup') },
    notToggle: { label: t('builder.not'), title: t('builder.not') },
    fields: { title: t('builder.fields') },
    operators: { title: t('builder.operators') },
    value: { title: t('builder.value') },
  };
  return (
    <QueryBuilderAntD>
      <QueryBuilder
        fields={fields}
        query={query}
        onQueryChange={onQueryChange}
        combinators={combinators}
        translations={translations}
        showNotToggle={showNot}
        controlElements={{ fieldSelector: SearchableSelector, operatorSelector: SearchableSelector, valueSelector: SearchableSelector, notToggle: NotSwitch }}
        resetOnFieldChange
        controlClassnames={{ queryBuilder: 'queryBuilder-branches' }}
      />
    </QueryBuilderAntD>
  );
}

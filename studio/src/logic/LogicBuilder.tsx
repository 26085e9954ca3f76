/**
 * The studio's JsonLogic editor: a visual builder of AND/OR groups over the object's fields (and those one lookup
 * away), and a JSON tab for experts. Whatever the JSON says is kept: a shape the builder cannot show is reported on
 * the visual tab, never replaced. `sqlOnly` keeps to what the engine runs in the database (sharing criteria, views).
 * `jsonOnly` shows the JSON tab alone, for expressions that are not conditions (a formula returning a number).
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Input, Spin, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RuleGroupType } from 'react-querybuilder';
import type { JsonLogic } from '../../../metadata/src/types.ts';
import { builderFields, EMPTY_QUERY, toJsonLogic, toQuery, type LogicField } from '../../../runtime-ui/src/logic/logic-fields.ts';
import { LogicQueryBuilder } from '../../../runtime-ui/src/logic/LogicQueryBuilder.tsx';
import { useObject, useObjects } from '../api/queries.ts';
import { conditionFields } from './condition-fields.ts';
import { jsonText, readJsonLogic, type JsonReading } from './logic-json.ts';

export interface LogicBuilderProps {
  object: string;
  value: JsonLogic | undefined;
  onChange: (value: JsonLogic | undefined) => void;
  testId: string;
  sqlOnly?: boolean;
  jsonOnly?: boolean;
}

export function LogicBuilder(props: LogicBuilderProps) {
  const object = useObject(props.object);
  const objects = useObjects();
  const error = object.error ?? objects.error;
  if (error) return <Alert type="error" showIcon title={error.message} data-testid={props.testId} />;
  if (!object.data || !objects.data) return <Spin data-testid={`${props.testId}-loading`} />;
  return <LogicTabs key={props.object} {...props} fields={conditionFields(object.data, objects.data, props.sqlOnly ?? false)} />;
}

const keyOf = (value: JsonLogic | undefined) => JSON.stringify(value ?? null);

function LogicTabs({ value, onChange, testId, sqlOnly = false, jsonOnly = false, fields }: LogicBuilderProps & { fields: LogicField[] }) {
  const { t } = useTranslation('rules');
  const { t: tLogic } = useTranslation('logic');
  const shown = useMemo(() => builderFields(fields, tLogic), [fields, tLogic]);
  const [tab, setTab] = useState('visual');
  const [seen, setSeen] = useState(() => keyOf(value));
  const [query, setQuery] = useState<RuleGroupType | null>(() => toQuery(value, fields, shown));
  const [text, setText] = useState(() => jsonText(value));
  const [reading, setReading] = useState<JsonReading | null>(null);

  // A value changed by the page (a reload, a roll back) replaces what both tabs show.
  if (keyOf(value) !== seen) {
    setSeen(keyOf(value));
    setQuery(toQuery(value, fields, shown));
    setText(jsonText(value));
    setReading(null);
  }

  const changeQuery = (next: RuleGroupType) => {
    const logic = toJsonLogic(next, fields);
    setQuery(next);
    setSeen(keyOf(logic));
    setText(jsonText(logic));
    setReading(null);
    onChange(logic);
  };

  const changeText = (next: string) => {
    const read = readJsonLogic(next, sqlOnly);
    setText(next);
    setReading(read);
    if (!read.ok) return;
    setSeen(keyOf(read.value));
    setQuery(toQuery(read.value, fields, shown));
    onChange(read.value);
  };

  const visual = query
    ? <LogicQueryBuilder fields={shown} query={query} onQueryChange={changeQuery} showNot />
    : (
      <Alert
        type="warning"
        showIcon
        title={t('editor.unshowable')}
        description={t('editor.unshowableDetail')}
        action={<Button size="small" onClick={() => changeQuery(EMPTY_QUERY)} data-testid={`${testId}-start-over`}>{t('editor.startOver')}</Button>}
        data-testid={`${testId}-unshowable`}
      />
    );
  const json = (
    <>
      <Input.TextArea
        value={text}
        onChange={(e) => changeText(e.target.value)}
        autoSize={{ minRows: 6, maxRows: 24 }}
        spellCheck={false}
        style={{ fontFamily: 'monospace' }}
        placeholder={t('editor.jsonPlaceholder')}
        data-testid={`${testId}-json`}
      />
      <JsonProblem reading={reading} testId={testId} />
    </>
  );
  const visualTab = { key: 'visual', label: <span data-testid={`${testId}-tab-visual`}>{t('editor.visual')}</span>, children: visual };
  const jsonTab = { key: 'json', label: <span data-testid={`${testId}-tab-json`}>JSON</span>, children: json };
  return (
    <div data-testid={testId}>
      <Tabs
        size="small"
        activeKey={jsonOnly ? 'json' : tab}
        onChange={setTab}
        items={jsonOnly ? [jsonTab] : [visualTab, jsonTab]}
      />
    </div>
  );
}

function JsonProblem({ reading, testId }: { reading: JsonReading | null; testId: string }) {
  const { t } = useTranslation('rules');
  if (!reading || reading.ok) return null;
  const title = reading.problem === 'invalid_json'
    ? t('editor.invalidJson', { detail: reading.detail })
    : t('editor.notSql', { operators: reading.operators.join(', ') });
  return <Alert type="error" showIcon title={title} description={t('editor.notApplied')} style={{ marginTop: 8 }} data-testid={`${testId}-json-problem`} />;
}

/**
 * "Try it": the rule as it is being edited, run by the engine on values typed in (one control per field the condition
 * reads) or on an existing record, answering whether a save would be blocked and with which message; what was tried
 * becomes a saved case in one click.
 */
import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Radio, Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ObjectDoc, RuleTest } from '../../../metadata/src/types.ts';
import { fieldAt } from '../../../metadata/src/var-scope.ts';
import { useObjects } from '../api/queries.ts';
import { FormProblems } from '../deploy/FormProblems.tsx';
import { problemsOf, type Problems } from '../deploy/problems.ts';
import { pick } from '../i18n/index.ts';
import { caseRecord, readFields, ruleDocument, type RuleDraft } from './rule-draft.ts';
import { getRecord, searchRecords, tryRule, type RuleVerdict } from './rules-api.ts';
import { RuleValueInput } from './RuleValueInput.tsx';

type Outcome = { verdict: RuleVerdict } | { problems: Problems };

interface Props {
  draft: RuleDraft;
  object: ObjectDoc;
  onSaveCase: (test: RuleTest) => void;
}

export function TryPanel({ draft, object, onSaveCase }: Props) {
  const { t } = useTranslation('rules');
  const [mode, setMode] = useState<'values' | 'record'>('values');
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [recordId, setRecordId] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);

  /** The record as a case keeps it: typed values, or the picked record with the lookups the rule reads expanded. */
  const triedRecord = async () => {
    if (mode === 'values') return caseRecord(draft.errorWhen, values);
    const heads = [...new Set(readFields(draft.errorWhen).filter((p) => p.includes('.')).map((p) => p.split('.')[0]))];
    return caseRecord(draft.errorWhen, await getRecord(object.name, recordId!, heads));
  };

  const run = async () => {
    setBusy(true);
    setOutcome(null);
    try {
      const on = mode === 'record' ? { recordId: recordId! } : { values: await triedRecord() };
      setOutcome({ verdict: await tryRule(ruleDocument(draft), on) });
    } catch (error) {
      setOutcome({ problems: problemsOf(error) });
    } finally {
      setBusy(false);
    }
  };

  const saveCase = async (expect: RuleTest['expect']) => onSaveCase({ record: await triedRecord(), expect });
  const ready = mode === 'values' || recordId !== undefined;
  return (
    <Card size="small" title={t('try.title')} data-testid="try-panel">
      <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} optionType="button" size="small" style={{ marginBottom: 12 }} data-testid="try-mode">
        <Radio.Button value="values"><span data-testid="try-mode-values">{t('try.withValues')}</span></Radio.Button>
        <Radio.Button value="record"><span data-testid="try-mode-record">{t('try.withRecord')}</span></Radio.Button>
      </Radio.Group>
      {mode === 'values'
        ? <ValuesForm draft={draft} object={object} values={values} onChange={setValues} />
        : <RecordPicker object={object} value={recordId} onChange={setRecordId} />}
      <Flex gap={8} wrap style={{ marginTop: 12 }}>
        <Button type="primary" onClick={() => void run()} loading={busy} disabled={!ready} data-testid="try-run">{t('try.run')}</Button>
        <Button onClick={() => void saveCase('error')} disabled={!ready} data-testid="case-save-error">{t('try.saveError')}</Button>
        <Button onClick={() => void saveCase('pass')} disabled={!ready} data-testid="case-save-pass">{t('try.savePass')}</Button>
      </Flex>
      <OutcomeView outcome={outcome} />
    </Card>
  );
}

function ValuesForm({ draft, object, values, onChange }: { draft: RuleDraft; object: ObjectDoc; values: Record<string, unknown>; onChange: (values: Record<string, unknown>) => void }) {
  const { t } = useTranslation('rules');
  const objects = useObjects();
  const byName = new Map((objects.data ?? []).map((o) => [o.name, o]));
  const paths = readFields(draft.errorWhen);
  if (!paths.length) return <Typography.Text type="secondary">{t('try.noFields')}</Typography.Text>;
  return (
    <Form layout="horizontal" labelCol={{ span: 8 }} size="small" data-testid="try-values">
      {paths.map((path) => {
        const field = fieldAt(path, object, byName);
        return (
          <Form.Item key={path} label={field ? pick(field.label) : path} style={{ marginBottom: 8 }}>
            <RuleValueInput field={field} value={values[path]} onChange={(value) => onChange({ ...values, [path]: value })} testId={`try-value-${path}`} />
          </Form.Item>
        );
      })}
    </Form>
  );
}

function RecordPicker({ object, value, onChange }: { object: ObjectDoc; value: string | undefined; onChange: (id: string | undefined) => void }) {
  const { t } = useTranslation('rules');
  const [text, setText] = useState('');
  const titleField = object.titleField ?? (object.fields.some((f) => f.name === 'name') ? 'name' : 'id');
  const found = useQuery({ queryKey: ['records', object.name, 'search', titleField, text], queryFn: () => searchRecords(object.name, titleField, text) });
  const options = (found.data ?? []).map((r) => ({ value: r.id, label: String(r[titleField] ?? r.id) }));
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      style={{ width: '100%' }}
      placeholder={t('try.pickRecord')}
      value={value}
      onChange={(id?: string) => onChange(id)}
      options={options}
      loading={found.isFetching}
      data-testid="try-record"
    />
  );
}

function OutcomeView({ outcome }: { outcome: Outcome | null }) {
  const { t } = useTranslation('rules');
  if (!outcome) return null;
  if ('problems' in outcome) return <div style={{ marginTop: 12 }}><FormProblems problems={outcome.problems} /></div>;
  const { verdict } = outcome;
  return (
    <Alert
      style={{ marginTop: 12 }}
      type={verdict.blocks ? 'error' : 'success'}
      showIcon
      title={<span data-testid="try-verdict">{verdict.blocks ? t('try.blocks') : t('try.passes')}</span>}
      description={verdict.error && pick(verdict.error.message)}
      data-testid="try-result"
    />
  );
}

/**
 * `/studio/rules/:name`: one validation rule, edited and tried before it is deployed; `?new=<object>` starts a rule
 * that does not exist yet. Saving deploys the whole rule (its cases too) through the confirmed plan.
 */
import { useState } from 'react';
import { Alert, Breadcrumb, Button, Col, Flex, Row, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { RuleTest } from '../../../metadata/src/types.ts';
import type { UiProblem } from '../../../metadata/src/ui-contract.ts';
import { ApiError } from '../../../runtime-ui/src/api/client.ts';
import { useDocument, useObject } from '../api/queries.ts';
import { FormProblems } from '../deploy/FormProblems.tsx';
import { problemsOf, type Problems } from '../deploy/problems.ts';
import { useDeploy } from '../deploy/use-deploy.tsx';
import { DocumentHistory } from '../history/DocumentHistory.tsx';
import { pick } from '../i18n/index.ts';
import { failedCases, newRule, problemPlace, ruleDocument, withCase, withoutCase, type RuleDraft } from './rule-draft.ts';
import { RuleCases } from './RuleCases.tsx';
import { RuleForm } from './RuleForm.tsx';
import { RulePreview } from './RulePreview.tsx';
import { TryPanel } from './TryPanel.tsx';

export function RulePage() {
  const name = useParams().name!;
  const newObject = useSearchParams()[0].get('new');
  return newObject ? <RuleScreen initial={newRule(name, newObject)} isNew /> : <StoredRule name={name} />;
}

function StoredRule({ name }: { name: string }) {
  const rule = useDocument('validationRule', name);
  if (rule.error) return <Alert type="error" showIcon title={rule.error.message} />;
  if (!rule.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  // A deploy or a roll back reloads the rule: the editor starts again from what is deployed.
  return <RuleScreen key={JSON.stringify(rule.data)} initial={rule.data} isNew={false} />;
}

function RuleScreen({ initial, isNew }: { initial: RuleDraft; isNew: boolean }) {
  const { t } = useTranslation('rules');
  const name = initial.name;
  const tabs = [{ key: 'rule', label: <span data-testid="tab-rule">{t('tabs.rule')}</span>, children: <RuleEditor initial={initial} isNew={isNew} /> }];
  if (!isNew) tabs.push({ key: 'history', label: <span data-testid="tab-history">{t('tabs.history')}</span>, children: <DocumentHistory kind="validationRule" name={name} /> });
  return (
    <div data-testid="rule-page">
      <Breadcrumb items={[{ title: <Link to="/rules">{t('title')}</Link> }, { title: <Link to={`/rules?object=${initial.object}`}>{initial.object}</Link> }, { title: name }]} style={{ marginBottom: 12 }} />
      <Space align="baseline" style={{ marginBottom: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="rule-title">{pick(initial.label) || name}</Typography.Title>
        <Typography.Text code>{name}</Typography.Text>
        {isNew && <Tag color="orange">{t('newRule')}</Tag>}
      </Space>
      <Tabs items={tabs} />
    </div>
  );
}

function RuleEditor({ initial, isNew }: { initial: RuleDraft; isNew: boolean }) {
  const { t } = useTranslation('rules');
  const navigate = useNavigate();
  const object = useObject(initial.object);
  const { deploy, modal } = useDeploy();
  const [draft, setDraft] = useState<RuleDraft>(initial);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [errors, setErrors] = useState<UiProblem[]>([]);
  const [busy, setBusy] = useState(false);

  if (object.error) return <Alert type="error" showIcon title={object.error.message} />;
  if (!object.data) return <Spin style={{ display: 'block', margin: 48 }} />;

  const save = async () => {
    setBusy(true);
    setProblems(null);
    setErrors([]);
    try {
      if ((await deploy(ruleDocument(draft))) && isNew) navigate(`/rules/${draft.name}`, { replace: true });
    } catch (error) {
      setProblems(problemsOf(error));
      setErrors(error instanceof ApiError ? error.errors : []);
    } finally {
      setBusy(false);
    }
  };
  const errorsAt = (place: string) => errors.filter((e) => problemPlace(e.field) === place).map((e) => e.message);
  const casesChanged = JSON.stringify(draft.tests ?? []) !== JSON.stringify(initial.tests ?? []);

  return (
    <>
      <FormProblems problems={problems} />
      <Row gutter={24}>
        <Col xs={24} xl={14}>
          <RuleForm draft={draft} object={object.data} onChange={setDraft} errorsAt={errorsAt} />
          <Flex justify="flex-end">
            <Button type="primary" onClick={() => void save()} loading={busy} data-testid="rule-save">{t('save')}</Button>
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <Flex vertical gap={16}>
            <TryPanel draft={draft} object={object.data} onSaveCase={(test: RuleTest) => setDraft((current) => withCase(current, test))} />
            <RuleCases tests={draft.tests ?? []} failed={failedCases(errors)} unsaved={casesChanged} onDelete={(i) => setDraft((current) => withoutCase(current, i))} />
            <RulePreview draft={draft} />
          </Flex>
        </Col>
      </Row>
      {modal}
    </>
  );
}

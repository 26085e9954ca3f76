/** How many of the object's existing records the rule, as edited, would block at their next save, with a sample. */
import { useState } from 'react';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormProblems } from '../deploy/FormProblems.tsx';
import { problemsOf, type Problems } from '../deploy/problems.ts';
import { ruleDocument, type RuleDraft } from './rule-draft.ts';
import { previewRule, type RulePreview as Preview } from './rules-api.ts';

export function RulePreview({ draft }: { draft: RuleDraft }) {
  const { t } = useTranslation('rules');
  const [result, setResult] = useState<{ preview: Preview } | { problems: Problems } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      setResult({ preview: await previewRule(ruleDocument(draft)) });
    } catch (error) {
      setResult({ problems: problemsOf(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('preview.title')} extra={<Button size="small" onClick={() => void run()} loading={busy} data-testid="preview-run">{t('preview.run')}</Button>} data-testid="rule-preview">
      {result && 'problems' in result && <FormProblems problems={result.problems} />}
      {result && 'preview' in result && <PreviewResult object={draft.object} preview={result.preview} />}
    </Card>
  );
}

function PreviewResult({ object, preview }: { object: string; preview: Preview }) {
  const { t } = useTranslation('rules');
  const text = preview.blocked
    ? t('preview.result', { blocked: preview.blocked, checked: preview.checked }) + (preview.truncated ? t('preview.truncated', { checked: preview.checked }) : '')
    : t('preview.none');
  return (
    <Alert
      type={preview.blocked ? 'warning' : 'success'}
      showIcon
      title={<span data-testid="preview-result">{text}</span>}
      description={preview.sample.length > 0 && (
        <Space wrap size={4} data-testid="preview-sample">
          {t('preview.sample')}
          {/* The records open in the business app, where their values can be checked. */}
          {preview.sample.map((id) => <Typography.Link key={id} href={`/o/${object}/${id}`} target="_blank">{id.slice(0, 8)}</Typography.Link>)}
        </Space>
      )}
    />
  );
}

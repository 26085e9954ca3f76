/** For the holder of a pending task on this record: approve, reject or send back, with a comment. */
import { Alert, App, Button, Card, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/error-text.ts';
import type { Decision } from './approval-types.ts';
import { decideTask } from './record-api.ts';

export function DecisionBar({ task, onDone }: { task: string; onDone: () => Promise<void> }) {
  const { t } = useTranslation('record');
  const { message } = App.useApp();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<Decision | null>(null);
  /** Why the last decision was refused (a conflict, a lapsed licence): kept in view while the approver acts on it. */
  const [refusal, setRefusal] = useState<string | null>(null);
  const decide = async (decision: Decision) => {
    setBusy(decision);
    setRefusal(null);
    try {
      await decideTask(task, decision, comment || undefined);
      void message.success(t(`decided.${decision}`));
      setComment('');
      await onDone();
    } catch (error) {
      setRefusal(errorText(error));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card size="small" title={t('yourDecision')} data-testid="approval-decision">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {refusal && <Alert type="error" showIcon data-testid="approval-refusal" title={refusal} />}
        <Input.TextArea data-testid="approval-decision-comment" rows={2} maxLength={2000} placeholder={t('commentPlaceholder')} value={comment} onChange={(e) => setComment(e.target.value)} />
        <Space>
          <Button type="primary" data-testid="approval-approve" loading={busy === 'approve'} disabled={!!busy} onClick={() => void decide('approve')}>{t('approve')}</Button>
          <Button danger data-testid="approval-reject" loading={busy === 'reject'} disabled={!!busy} onClick={() => void decide('reject')}>{t('reject')}</Button>
          <Button data-testid="approval-return" loading={busy === 'return'} disabled={!!busy} onClick={() => void decide('return')}>{t('sendBack')}</Button>
        </Space>
      </Space>
    </Card>
  );
}

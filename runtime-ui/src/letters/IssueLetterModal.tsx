/**
 * Asks what to issue, for one record or a list selection: the template (a choice only when the object has several)
 * and, as a note, where the validity comes from. Answers the letter spec; the caller issues it.
 */
import { Form, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiObject } from '../../../metadata/src/ui-contract.ts';
import { pick } from '../i18n/index.ts';
import { validitySource, type LetterSpec } from './letters-api.ts';

interface Props {
  ui: UiObject;
  /** The records it is for, when more than one: the question names how many. */
  count?: number;
  onIssue: (spec: LetterSpec) => Promise<void>;
  onClose: () => void;
}

export function IssueLetterModal({ ui, count, onIssue, onClose }: Props) {
  const { t } = useTranslation('letters');
  const templates = ui.letters.templates;
  const [template, setTemplate] = useState(templates[0]?.name);
  const [busy, setBusy] = useState(false);
  const validity = validitySource(ui.fields);
  const issue = async () => {
    if (!template) return;
    setBusy(true);
    try {
      await onIssue({ object: ui.name, template, ...validity });
      onClose();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={count ? t('issueMany') : t('issue')} okText={t('issue')} onOk={() => void issue()} confirmLoading={busy} onCancel={onClose}
      okButtonProps={{ 'data-testid': 'letter-issue-confirm' }}>
      <Form layout="vertical" data-testid="letter-issue-form">
        {count !== undefined && <Typography.Paragraph>{t('batchConfirm', { count })}</Typography.Paragraph>}
        {templates.length > 1 && (
          <Form.Item label={t('template')}>
            <Select value={template} onChange={setTemplate} options={templates.map((x) => ({ value: x.name, label: pick(x.label) }))} data-testid="letter-template" />
          </Form.Item>
        )}
        <Typography.Text type="secondary">{validity.validFromField || validity.validToField ? t('validityFromRecord') : t('validityFromToday')}</Typography.Text>
      </Form>
    </Modal>
  );
}

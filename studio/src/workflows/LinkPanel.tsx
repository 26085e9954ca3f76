/**
 * The side panel of a selected edge: from an approval, the decision that takes it; from a condition, its `when` (built
 * with the shared logic builder) or the fallback; from a parallel split, an optional `when`; a label; deleting it.
 */
import { DeleteOutlined } from '@ant-design/icons';
import { Button, Form, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WorkflowEdge, WorkflowNode } from '../../../metadata/src/types.ts';
import { LogicBuilder } from '../logic/LogicBuilder.tsx';
import { pick } from '../i18n/index.ts';
import { DECISIONS } from './graph-edits.ts';
import { LabelInputs } from './LabelInputs.tsx';
import { PanelProblems } from './PanelProblems.tsx';
import { withProp } from './step-props.ts';

interface Props {
  link: WorkflowEdge;
  from: WorkflowNode;
  to: WorkflowNode;
  object: string;
  problems: string[];
  onChange: (link: WorkflowEdge) => void;
  onDelete: () => void;
}

const stepName = (step: WorkflowNode) => (step.label ? `${pick(step.label)} (${step.id})` : step.id);

export function LinkPanel({ link, from, to, object, problems, onChange, onDelete }: Props) {
  const { t } = useTranslation('workflows');
  return (
    <Form layout="vertical" size="small" data-testid="link-panel">
      <Typography.Title level={5} style={{ marginTop: 0 }}>{t('panel.link')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('panel.from')} {stepName(from)} → {t('panel.to')} {stepName(to)}</Typography.Paragraph>
      <PanelProblems messages={problems} />
      {from.type === 'approval' && (
        <Form.Item label={t('link.outcome')}>
          <Select
            value={link.on ?? 'approved'}
            onChange={(on) => onChange({ ...link, on })}
            options={DECISIONS.map((on) => ({ value: on, label: t(`link.outcomes.${on}`) }))}
            data-testid="link-outcome"
          />
        </Form.Item>
      )}
      {from.type === 'condition' && <ConditionBranch link={link} object={object} onChange={onChange} />}
      {from.type === 'parallel' && (
        <Form.Item label={t('link.optionalCondition')}>
          <LogicBuilder object={object} value={link.when} onChange={(when) => onChange(withProp(link, 'when', when))} testId="link-when" />
        </Form.Item>
      )}
      <LabelInputs value={link.label} onChange={(label) => onChange(withProp(link, 'label', label))} testId="link-label" />
      <Button danger icon={<DeleteOutlined />} onClick={onDelete} data-testid="link-delete">{t('panel.delete')}</Button>
    </Form>
  );
}

function ConditionBranch({ link, object, onChange }: { link: WorkflowEdge; object: string; onChange: (link: WorkflowEdge) => void }) {
  const { t } = useTranslation('workflows');
  const otherwise = link.on === 'otherwise';
  const choose = (fallback: boolean) => {
    const { on: _on, when: _when, ...rest } = link;
    onChange(fallback ? { ...rest, on: 'otherwise' } : rest);
  };
  return (
    <>
      <Form.Item label={t('link.branch')}>
        <Radio.Group value={otherwise ? 'otherwise' : 'when'} onChange={(event) => choose(event.target.value === 'otherwise')} data-testid="link-branch">
          <Radio value="when" data-testid="link-branch-when">{t('link.when')}</Radio>
          <Radio value="otherwise" data-testid="link-branch-otherwise">{t('link.otherwise')}</Radio>
        </Radio.Group>
      </Form.Item>
      {!otherwise && (
        <Form.Item label={t('link.condition')}>
          <LogicBuilder object={object} value={link.when} onChange={(when) => onChange(withProp(link, 'when', when))} testId="link-when" />
        </Form.Item>
      )}
    </>
  );
}

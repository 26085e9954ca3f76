/** The side panel of a selected node: its label, its type's settings, its problems, and deleting it (never the start). */
import { DeleteOutlined } from '@ant-design/icons';
import { Button, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ObjectDoc, WorkflowNode } from '../../../metadata/src/types.ts';
import { ActionsSettings } from './ActionsSettings.tsx';
import { ApprovalSettings } from './ApprovalSettings.tsx';
import { LabelInputs } from './LabelInputs.tsx';
import { PanelProblems } from './PanelProblems.tsx';
import { withProp } from './step-props.ts';

interface Props {
  step: WorkflowNode;
  problems: string[];
  object: ObjectDoc | undefined;
  workflow: string;
  onChange: (step: WorkflowNode) => void;
  onDelete: () => void;
}

export function StepPanel({ step, problems, object, workflow, onChange, onDelete }: Props) {
  const { t } = useTranslation('workflows');
  return (
    <Form layout="vertical" size="small" data-testid="step-panel">
      <Typography.Title level={5} style={{ marginTop: 0 }}>{t(`types.${step.type}`)} <Typography.Text code>{step.id}</Typography.Text></Typography.Title>
      <PanelProblems messages={problems} />
      <LabelInputs value={step.label} onChange={(label) => onChange(withProp(step, 'label', label))} testId="step-label" />
      {step.type === 'approval' && <ApprovalSettings step={step} object={object} onChange={onChange} />}
      {step.type === 'action' && (
        <ActionsSettings actions={step.actions ?? []} object={object} workflow={workflow} onChange={(actions) => onChange(withProp(step, 'actions', actions))} />
      )}
      {step.type !== 'start' && <Button danger icon={<DeleteOutlined />} onClick={onDelete} data-testid="step-delete">{t('panel.delete')}</Button>}
    </Form>
  );
}

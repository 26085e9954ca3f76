/** An approval step's settings: approvers, mode (with the share for a percentage), due time, what happens when overdue, editable fields. */
import { Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { APPROVAL_MODES, type ObjectDoc, type WorkflowNode } from '../../../metadata/src/types.ts';
import { ApproversInput } from './ApproversInput.tsx';
import { withProp } from './step-props.ts';
import { fieldOption, writableFields } from './workflow-choices.ts';

type Timeout = 'none' | 'escalate' | 'approve' | 'reject';

function timeoutOf(step: WorkflowNode): Timeout {
  if (!step.onTimeout) return 'none';
  return 'escalateTo' in step.onTimeout ? 'escalate' : step.onTimeout.decide;
}

function withTimeout(step: WorkflowNode, timeout: Timeout): WorkflowNode {
  if (timeout === 'none') return withProp(step, 'onTimeout', undefined);
  if (timeout === 'escalate') return { ...step, onTimeout: { escalateTo: step.onTimeout && 'escalateTo' in step.onTimeout ? step.onTimeout.escalateTo : [] } };
  return { ...step, onTimeout: { decide: timeout } };
}

/** Hours as a number, an ISO 8601 duration as text. */
const dueOf = (text: string): string | number | undefined => (text.trim() === '' ? undefined : /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text.trim());

export function ApprovalSettings({ step, object, onChange }: { step: WorkflowNode; object: ObjectDoc | undefined; onChange: (step: WorkflowNode) => void }) {
  const { t } = useTranslation('workflows');
  const timeout = timeoutOf(step);
  return (
    <>
      <Form.Item label={t('approval.approvers')} required>
        <ApproversInput value={step.approvers} onChange={(approvers) => onChange(withProp(step, 'approvers', approvers))} object={object} testId="step-approvers" />
      </Form.Item>
      <Form.Item label={t('approval.mode')}>
        <Select
          value={step.mode ?? 'any'}
          onChange={(mode) => onChange(withProp({ ...step, mode }, 'threshold', mode === 'percentage' ? step.threshold ?? 50 : undefined))}
          options={APPROVAL_MODES.map((mode) => ({ value: mode, label: t(`approval.modes.${mode}`) }))}
          data-testid="step-mode"
        />
      </Form.Item>
      {step.mode === 'percentage' && (
        <Form.Item label={t('approval.threshold')}>
          <InputNumber min={1} max={100} value={step.threshold} onChange={(value) => onChange(withProp(step, 'threshold', value ?? undefined))} data-testid="step-threshold" />
        </Form.Item>
      )}
      <Form.Item label={t('approval.due')} extra={t('approval.dueHelp')}>
        <Input value={step.due === undefined ? '' : String(step.due)} onChange={(event) => onChange(withProp(step, 'due', dueOf(event.target.value)))} data-testid="step-due" />
      </Form.Item>
      <Form.Item label={t('approval.onTimeout')}>
        <Select<Timeout>
          value={timeout}
          onChange={(next) => onChange(withTimeout(step, next))}
          options={(['none', 'escalate', 'approve', 'reject'] as const).map((value) => ({ value, label: t(`approval.timeouts.${value}`) }))}
          data-testid="step-on-timeout"
        />
      </Form.Item>
      {step.onTimeout && 'escalateTo' in step.onTimeout && (
        <Form.Item label={t('approval.escalateTo')}>
          <ApproversInput value={step.onTimeout.escalateTo} onChange={(escalateTo) => onChange({ ...step, onTimeout: { escalateTo: escalateTo ?? [] } })} object={object} testId="step-escalate-to" />
        </Form.Item>
      )}
      <Form.Item label={t('approval.editableFields')}>
        <Select
          mode="multiple"
          value={step.editableFields ?? []}
          onChange={(fields: string[]) => onChange(withProp(step, 'editableFields', fields))}
          options={writableFields(object).map(fieldOption)}
          optionFilterProp="label"
          data-testid="step-editable-fields"
        />
      </Form.Item>
    </>
  );
}

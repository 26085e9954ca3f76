/** One node on the canvas: its type, its label, who decides an approval, a red frame and the messages when the engine found problems. */
import { memo } from 'react';
import { Tooltip, Typography } from 'antd';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { Approver, WorkflowNode } from '../../../metadata/src/types.ts';
import { pick } from '../i18n/index.ts';
import { useDesignerView } from './designer-context.ts';
import type { StepNode } from './flow-model.ts';
import { STEP_SIZE } from './layout-steps.ts';

export const TYPE_COLORS: Record<WorkflowNode['type'], string> = {
  start: '#389e0d', approval: '#1f5fbf', condition: '#d48806', parallel: '#722ed1', join: '#722ed1', action: '#08979c', end: '#595959',
};

const approverList = (approvers: WorkflowNode['approvers']): Approver[] => (approvers === undefined ? [] : Array.isArray(approvers) ? approvers : [approvers]);

function StepNodeViewBase({ id, data, selected }: NodeProps<StepNode>) {
  const { t } = useTranslation('workflows');
  const { problems, roleLabel } = useDesignerView();
  const { step } = data;
  const messages = problems.byNode.get(id) ?? [];
  const color = TYPE_COLORS[step.type];
  const approvers = approverList(step.approvers).map((a) =>
    'role' in a ? roleLabel(a.role) : 'user' in a ? a.user : 'managerOf' in a ? `${t('approval.kinds.managerOf')}: ${a.managerOf}` : t(`approval.kinds.${Object.keys(a)[0]}` as 'approval.kinds.user'));
  const frame = messages.length ? '#cf1322' : selected ? color : '#d9d9d9';
  const box = (
    <div
      data-testid={`step-${id}`}
      data-problems={messages.length}
      style={{
        width: STEP_SIZE.width, minHeight: STEP_SIZE.height, boxSizing: 'border-box', padding: '6px 10px', background: '#fff',
        border: `${messages.length || selected ? 2 : 1}px solid ${frame}`, borderLeft: `6px solid ${color}`, borderRadius: 6,
        boxShadow: selected ? '0 0 0 3px rgba(31,95,191,0.15)' : undefined,
      }}
    >
      {step.type !== 'start' && <Handle type="target" position={Position.Top} data-testid="step-in" />}
      <Typography.Text type="secondary" style={{ fontSize: 11 }}>{t(`types.${step.type}`)} · {id}</Typography.Text>
      <div data-testid="step-label" style={{ fontWeight: 600, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
        {step.label ? pick(step.label) : t(`types.${step.type}`)}
      </div>
      {approvers.length > 0 && <Typography.Text style={{ fontSize: 12 }} ellipsis>{approvers.join('、')}</Typography.Text>}
      {messages.length > 0 && <Typography.Text type="danger" style={{ fontSize: 12, display: 'block' }} ellipsis data-testid="step-problem">{messages[0]}</Typography.Text>}
      {step.type !== 'end' && <Handle type="source" position={Position.Bottom} data-testid="step-out" />}
    </div>
  );
  return messages.length ? <Tooltip title={<ul style={{ margin: 0, paddingInlineStart: 16 }}>{messages.map((m, i) => <li key={i}>{m}</li>)}</ul>}>{box}</Tooltip> : box;
}

export const StepNodeView = memo(StepNodeViewBase);

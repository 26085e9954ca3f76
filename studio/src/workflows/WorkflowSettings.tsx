/** The side panel when nothing is selected: the workflow's label, object, whether it is active, and its task template. */
import { Form, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useObjects } from '../api/queries.ts';
import { pick } from '../i18n/index.ts';
import type { WorkflowProps } from './flow-model.ts';
import { LabelInputs } from './LabelInputs.tsx';
import { PanelProblems } from './PanelProblems.tsx';
import { withProp } from './step-props.ts';
import { useTemplateOptions } from './workflow-choices.ts';

export function WorkflowSettings({ props, problems, onChange }: { props: WorkflowProps; problems: string[]; onChange: (props: WorkflowProps) => void }) {
  const { t } = useTranslation('workflows');
  const objects = useObjects();
  const templates = useTemplateOptions(props.object);
  return (
    <Form layout="vertical" size="small" data-testid="workflow-settings">
      <Typography.Title level={5} style={{ marginTop: 0 }}>{t('panel.workflow')} <Typography.Text code>{props.name}</Typography.Text></Typography.Title>
      <PanelProblems messages={problems} />
      <LabelInputs required value={props.label} onChange={(label) => onChange({ ...props, label: label! })} testId="workflow-label" />
      <Form.Item label={t('panel.object')}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          value={props.object}
          onChange={(object: string) => onChange({ ...props, object })}
          options={(objects.data ?? []).map((o) => ({ value: o.name, label: `${pick(o.label)} (${o.name})` }))}
          data-testid="workflow-object"
        />
      </Form.Item>
      <Form.Item label={t('panel.active')}>
        <Switch checked={props.active !== false} onChange={(active) => onChange({ ...props, active })} data-testid="workflow-active" />
      </Form.Item>
      <Form.Item label={t('panel.taskTemplate')}>
        <Select
          allowClear
          placeholder={t('panel.none')}
          value={props.taskTemplate}
          onChange={(template?: string) => onChange(withProp(props, 'taskTemplate', template))}
          options={templates}
          data-testid="workflow-task-template"
        />
      </Form.Item>
    </Form>
  );
}

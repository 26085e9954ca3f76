/**
 * An action node's actions, in order: update fields of the record (a value per field), notify with a template, start
 * another workflow. Create and webhook actions, and values that are expressions rather than plain values, are shown
 * as they are and kept.
 */
import { DeleteOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, InputNumber, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldDef, JsonLogic, ObjectDoc, WorkflowAction } from '../../../metadata/src/types.ts';
import { pick } from '../i18n/index.ts';
import { ApproversInput } from './ApproversInput.tsx';
import { fieldOption, useTemplateOptions, useWorkflowOptions, writableFields, type Option } from './workflow-choices.ts';

type EditableKind = 'update' | 'notify' | 'startWorkflow';
const EDITABLE_KINDS: EditableKind[] = ['update', 'notify', 'startWorkflow'];
const NUMERIC = new Set(['number', 'integer', 'money', 'percent']);

interface Props {
  actions: WorkflowAction[];
  object: ObjectDoc | undefined;
  workflow: string;
  onChange: (actions: WorkflowAction[]) => void;
}

export function ActionsSettings({ actions, object, workflow, onChange }: Props) {
  const { t } = useTranslation('workflows');
  const templates = useTemplateOptions(object?.name ?? '');
  const workflows = useWorkflowOptions(workflow);
  const replace = (i: number, action: WorkflowAction) => onChange(actions.map((a, k) => (k === i ? action : a)));
  const fresh: Record<EditableKind, () => WorkflowAction> = {
    update: () => ({ update: {} }),
    notify: () => ({ notify: { template: templates[0]?.value ?? '' } }),
    startWorkflow: () => ({ startWorkflow: workflows[0]?.value ?? '' }),
  };
  return (
    <Form.Item label={t('action.actions')} required>
      <Flex vertical gap={8}>
        {actions.map((action, i) => {
          const kind = Object.keys(action)[0];
          return (
            <Card
              key={i}
              size="small"
              title={t(`action.kinds.${kind}`)}
              extra={<Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => onChange(actions.filter((_, k) => k !== i))} data-testid={`action-${i}-remove`} />}
              data-testid={`action-${i}`}
            >
              <ActionEditor action={action} index={i} object={object} templates={templates} workflows={workflows} onChange={(next) => replace(i, next)} />
            </Card>
          );
        })}
        <Select<EditableKind>
          value={null}
          placeholder={t('action.add')}
          onChange={(kind) => onChange([...actions, fresh[kind]()])}
          options={EDITABLE_KINDS.map((kind) => ({ value: kind, label: t(`action.kinds.${kind}`) }))}
          data-testid="action-add"
        />
      </Flex>
    </Form.Item>
  );
}

interface EditorProps {
  action: WorkflowAction;
  index: number;
  object: ObjectDoc | undefined;
  templates: Option[];
  workflows: Option[];
  onChange: (action: WorkflowAction) => void;
}

function ActionEditor({ action, index, object, templates, workflows, onChange }: EditorProps) {
  const { t } = useTranslation('workflows');
  if ('update' in action) return <UpdateEditor values={action.update} index={index} object={object} onChange={(update) => onChange({ update })} />;
  if ('notify' in action) {
    const { notify } = action;
    return (
      <>
        <Form.Item label={t('action.template')}>
          <Select value={notify.template || undefined} options={templates} onChange={(template: string) => onChange({ notify: { ...notify, template } })} data-testid={`action-${index}-template`} />
        </Form.Item>
        <Form.Item label={t('action.to')} style={{ marginBottom: 0 }}>
          <ApproversInput
            value={notify.to}
            onChange={(to) => onChange({ notify: to === undefined ? { template: notify.template } : { ...notify, to } })}
            object={object}
            testId={`action-${index}-to`}
            portalUsers
          />
        </Form.Item>
      </>
    );
  }
  if ('startWorkflow' in action) {
    return (
      <Form.Item label={t('action.workflow')} style={{ marginBottom: 0 }}>
        <Select value={action.startWorkflow || undefined} options={workflows} onChange={(startWorkflow: string) => onChange({ startWorkflow })} data-testid={`action-${index}-workflow`} />
      </Form.Item>
    );
  }
  return (
    <>
      <Typography.Text type="secondary">{t('action.readOnly')}</Typography.Text>
      <Typography.Paragraph code style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{JSON.stringify(action, null, 1)}</Typography.Paragraph>
    </>
  );
}

const initialValue = (field: FieldDef): JsonLogic =>
  field.type === 'boolean' ? false : NUMERIC.has(field.type) ? 0 : field.type === 'picklist' ? field.options?.[0]?.value ?? '' : '';

function UpdateEditor({ values, index, object, onChange }: { values: Record<string, JsonLogic>; index: number; object: ObjectDoc | undefined; onChange: (values: Record<string, JsonLogic>) => void }) {
  const { t } = useTranslation('workflows');
  const fields = writableFields(object);
  const byName = new Map(fields.map((f) => [f.name, f]));
  const unused = fields.filter((f) => !(f.name in values));
  return (
    <Flex vertical gap={6}>
      {Object.entries(values).map(([name, value]) => (
        <Flex key={name} gap={6} align="center" data-testid={`action-${index}-value-${name}`}>
          <Typography.Text style={{ width: 110, flex: 'none' }} ellipsis>{byName.get(name) ? fieldOption(byName.get(name)!).label : name}</Typography.Text>
          <ValueInput field={byName.get(name)} value={value} onChange={(next) => onChange({ ...values, [name]: next })} testId={`action-${index}-value-${name}-input`} />
          <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => onChange(Object.fromEntries(Object.entries(values).filter(([k]) => k !== name)))} />
        </Flex>
      ))}
      <Select
        value={null}
        placeholder={t('action.addValue')}
        showSearch={{ optionFilterProp: 'label' }}
        options={unused.map(fieldOption)}
        onChange={(name: string) => onChange({ ...values, [name]: initialValue(byName.get(name)!) })}
        data-testid={`action-${index}-add-field`}
      />
    </Flex>
  );
}

/** A plain value in the field's own input; an expression (an object) is shown, not edited. */
function ValueInput({ field, value, onChange, testId }: { field: FieldDef | undefined; value: JsonLogic; onChange: (value: JsonLogic) => void; testId: string }) {
  const { t } = useTranslation('workflows');
  if (value !== null && typeof value === 'object') return <Typography.Text code title={t('action.expression')} ellipsis style={{ flex: 1 }}>{JSON.stringify(value)}</Typography.Text>;
  if (field?.type === 'boolean') return <Switch checked={value === true} onChange={onChange} data-testid={testId} />;
  if (field?.type === 'picklist') {
    return <Select style={{ flex: 1 }} value={value as string} onChange={onChange} options={(field.options ?? []).map((o) => ({ value: o.value, label: pick(o.label) }))} data-testid={testId} />;
  }
  if (field && NUMERIC.has(field.type)) return <InputNumber style={{ flex: 1 }} value={value as number} onChange={(next) => onChange(next ?? 0)} data-testid={testId} />;
  return <Input style={{ flex: 1 }} value={value === null ? '' : String(value)} onChange={(event) => onChange(event.target.value)} data-testid={testId} />;
}

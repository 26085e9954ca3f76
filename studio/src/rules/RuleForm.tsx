/** A rule's own settings: names, the field its error attaches to, the condition (visual or JSON), message, active. */
import { Form, Input, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Label, ObjectDoc } from '../../../metadata/src/types.ts';
import { pick } from '../i18n/index.ts';
import { LogicBuilder } from '../logic/LogicBuilder.tsx';
import type { RuleDraft } from './rule-draft.ts';

interface Props {
  draft: RuleDraft;
  object: ObjectDoc;
  onChange: (draft: RuleDraft) => void;
  /** The messages of a refused deploy about one part of the rule. */
  errorsAt: (place: 'errorWhen' | 'message' | 'field' | 'label') => string[];
}

const status = (errors: string[]) => (errors.length ? { validateStatus: 'error' as const, help: errors.join('；') } : {});

export function RuleForm({ draft, object, onChange, errorsAt }: Props) {
  const { t } = useTranslation('rules');
  const set = (patch: Partial<RuleDraft>) => onChange({ ...draft, ...patch });
  const setLabel = (key: 'label' | 'message', locale: keyof Label, text: string) =>
    set({ [key]: { ...{ 'zh-CN': '', en: '' }, ...draft[key], [locale]: text } });
  const fieldOptions = object.fields.filter((f) => !f.removed).map((f) => ({ value: f.name, label: `${pick(f.label)} (${f.name})` }));
  return (
    <Form layout="vertical" data-testid="rule-form">
      <Form.Item label={t('form.labelZh')} {...status(errorsAt('label'))}>
        <Input value={draft.label?.['zh-CN']} onChange={(e) => setLabel('label', 'zh-CN', e.target.value)} data-testid="rule-label-zh" />
      </Form.Item>
      <Form.Item label={t('form.labelEn')}>
        <Input value={draft.label?.en} onChange={(e) => setLabel('label', 'en', e.target.value)} data-testid="rule-label-en" />
      </Form.Item>
      <Form.Item label={t('form.condition')} {...status(errorsAt('errorWhen'))}>
        <LogicBuilder object={object.name} value={draft.errorWhen} onChange={(errorWhen) => set({ errorWhen })} testId="rule-condition" />
      </Form.Item>
      <Form.Item label={t('form.field')} extra={t('form.fieldHelp')} {...status(errorsAt('field'))}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={draft.field}
          onChange={(field?: string) => set({ field })}
          options={fieldOptions}
          data-testid="rule-field"
        />
      </Form.Item>
      <Form.Item label={t('form.messageZh')} extra={t('form.messageHelp')} {...status(errorsAt('message'))}>
        <Input value={draft.message['zh-CN']} onChange={(e) => setLabel('message', 'zh-CN', e.target.value)} data-testid="rule-message-zh" />
      </Form.Item>
      <Form.Item label={t('form.messageEn')}>
        <Input value={draft.message.en} onChange={(e) => setLabel('message', 'en', e.target.value)} data-testid="rule-message-en" />
      </Form.Item>
      <Form.Item label={t('form.active')}>
        <Switch checked={draft.active !== false} onChange={(active) => set({ active })} data-testid="rule-active" />
      </Form.Item>
    </Form>
  );
}

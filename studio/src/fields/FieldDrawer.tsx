/** Add or edit one field: the properties every field has, then those of its type. Saving is a deploy. */
import { useEffect, useState } from 'react';
import { Button, Checkbox, Drawer, Form, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { NAME_PATTERN } from '../../../metadata/src/names.ts';
import { FIELD_TYPES, type FieldDef } from '../../../metadata/src/types.ts';
import { FormProblems } from '../deploy/FormProblems.tsx';
import { markFormErrors, problemsOf, type Problems } from '../deploy/problems.ts';
import { FIELD_FORM_KEYS, fieldTraits, toFieldDef, toFormValues, type FieldValues } from './field-form.ts';
import { FieldUsages } from './FieldUsages.tsx';
import { TypeOptions } from './TypeOptions.tsx';
import { DefaultInput } from './DefaultInput.tsx';

interface Props {
  open: boolean;
  object: string;
  /** The field being edited; none for a new one. */
  field?: FieldDef;
  indexed: boolean;
  onSave: (field: FieldDef, indexed: boolean) => Promise<boolean>;
  onClose: () => void;
}

export function FieldDrawer({ open, object, field, indexed, onSave, onClose }: Props) {
  const { t } = useTranslation('objects');
  const [form] = Form.useForm<FieldValues>();
  const type = Form.useWatch('type', form);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setProblems(null);
    form.resetFields();
    form.setFieldsValue(field ? toFormValues(field, indexed) : { type: 'text' });
  }, [open, field, indexed, form]);

  const submit = async (values: FieldValues) => {
    setBusy(true);
    setProblems(null);
    try {
      if (await onSave(toFieldDef(values, field), !!values.indexed)) onClose();
    } catch (error) {
      setProblems(problemsOf(error));
      markFormErrors(form, error, FIELD_FORM_KEYS);
    } finally {
      setBusy(false);
    }
  };

  const required = { required: true, message: t('form.required') };
  const traits = fieldTraits(type);
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size="large"
      title={field ? `${t('editField')} · ${field.name}` : t('addField')}
      destroyOnHidden
      extra={<Space><Button onClick={onClose}>{t('cancel')}</Button><Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="field-save">{t('save')}</Button></Space>}
    >
      <FormProblems problems={problems} />
      {field && <div style={{ marginBottom: 16 }}><FieldUsages object={object} field={field.name} /></div>}
      <Form<FieldValues> form={form} layout="vertical" onFinish={submit} data-testid="field-form">
        <Form.Item name="name" label={t('field.name')} extra={t('form.nameHelp')} rules={[required, { pattern: NAME_PATTERN, message: t('form.nameHelp') }]}>
          <Input disabled={!!field} data-testid="field-name" />
        </Form.Item>
        <Form.Item name="type" label={t('field.type')} rules={[required]}>
          <Select showSearch optionFilterProp="label" data-testid="field-type" options={FIELD_TYPES.map((value) => ({ value, label: `${t(`types.${value}`)} (${value})` }))} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name={['label', 'zh-CN']} label={t('field.labelZh')} rules={[required]} style={{ flex: 1 }}>
            <Input data-testid="field-label-zh" />
          </Form.Item>
          <Form.Item name={['label', 'en']} label={t('field.labelEn')} rules={[required]} style={{ flex: 1, marginInlineStart: 8 }}>
            <Input data-testid="field-label-en" />
          </Form.Item>
        </Space.Compact>
        <Form.Item name={['description', 'zh-CN']} label={t('field.helpZh')}><Input data-testid="field-help-zh" /></Form.Item>
        <Form.Item name={['description', 'en']} label={t('field.helpEn')}><Input data-testid="field-help-en" /></Form.Item>
        <Space wrap size="large">
          <Form.Item name="required" valuePropName="checked"><Checkbox data-testid="field-required">{t('field.required')}</Checkbox></Form.Item>
          {traits.stored && <Form.Item name="unique" valuePropName="checked"><Checkbox data-testid="field-unique">{t('field.unique')}</Checkbox></Form.Item>}
          {traits.stored && <Form.Item name="indexed" valuePropName="checked"><Checkbox data-testid="field-indexed">{t('field.index')}</Checkbox></Form.Item>}
          <Form.Item name="removed" valuePropName="checked"><Checkbox data-testid="field-hidden">{t('field.hidden')}</Checkbox></Form.Item>
        </Space>
        <TypeOptions object={object} type={type} />
        {traits.default && <DefaultInput type={type} />}
      </Form>
    </Drawer>
  );
}

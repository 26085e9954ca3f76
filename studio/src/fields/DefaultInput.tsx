/** The default value, with the input its field type takes. */
import { Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldType, PicklistOption } from '../../../metadata/src/types.ts';
import { pick } from '../i18n/index.ts';
import { fieldTraits } from './field-form.ts';

export function DefaultInput({ type }: { type: FieldType | undefined }) {
  const { t } = useTranslation('objects');
  const form = Form.useFormInstance();
  const options = (Form.useWatch('options', form) as PicklistOption[] | undefined) ?? [];
  const choices = options.filter((o) => o?.value).map((o) => ({ value: o.value, label: pick(o.label) || o.value }));
  const input = fieldTraits(type).number ? <InputNumber style={{ width: '100%' }} />
    : type === 'boolean' ? <Select allowClear options={[{ value: true, label: t('yes') }, { value: false, label: t('no') }]} />
    : type === 'picklist' ? <Select allowClear options={choices} />
    : type === 'multi_picklist' ? <Select allowClear mode="multiple" options={choices} />
    : <Input placeholder={type === 'date' ? 'YYYY-MM-DD' : undefined} />;
  return <Form.Item name="default" label={t('field.default')} data-testid="field-default">{input}</Form.Item>;
}

/** The properties only some field types have: lengths, bounds, picklist options, lookup target, formula, rollup. */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, InputNumber, Select, Space, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { COMPUTED_RETURN_TYPES, ROLLUP_AGGREGATES, type ComputedReturnType, type FieldType } from '../../../metadata/src/types.ts';
import { pick } from '../i18n/index.ts';
import { useObjects } from '../api/queries.ts';
import { fieldTraits } from './field-form.ts';
import { FormulaExpression } from './FormulaExpression.tsx';

/** A pick of the deployed objects; Form.Item hands it the value and onChange. */
function ObjectSelect(props: SelectProps<string> & { 'data-testid': string }) {
  const objects = useObjects();
  const options = (objects.data ?? []).map((o) => ({ value: o.name, label: `${pick(o.label)} (${o.name})` }));
  return <Select {...props} showSearch optionFilterProp="label" loading={objects.isPending} options={options} />;
}

function PicklistOptions() {
  const { t } = useTranslation('objects');
  const required = { required: true, message: t('form.required') };
  return (
    <Form.Item label={t('field.options')} required>
      <Form.List name="options">
        {(items, { add, remove }) => (
          <>
            {items.map(({ key, name }) => (
              <Flex key={key} gap={8} align="baseline" data-testid={`option-${name}`}>
                <Form.Item name={[name, 'value']} rules={[required]}><Input placeholder={t('field.optionValue')} data-testid={`option-${name}-value`} /></Form.Item>
                <Form.Item name={[name, 'label', 'zh-CN']} rules={[required]}><Input placeholder={t('field.labelZh')} data-testid={`option-${name}-zh`} /></Form.Item>
                <Form.Item name={[name, 'label', 'en']} rules={[required]}><Input placeholder={t('field.labelEn')} data-testid={`option-${name}-en`} /></Form.Item>
                <MinusCircleOutlined onClick={() => remove(name)} />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} data-testid="option-add">{t('field.addOption')}</Button>
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}

/** The type's own properties, for a field of `object`. */
export function TypeOptions({ object, type }: { object: string; type: FieldType | undefined }) {
  const { t } = useTranslation('objects');
  const returns = Form.useWatch<ComputedReturnType | undefined>('returns', Form.useFormInstance());
  const traits = fieldTraits(type);
  const required = { required: true, message: t('form.required') };
  // The expression is JsonLogic, not text: a string rule would refuse an object.
  const expressionRequired = {
    validator: async (_: unknown, value: unknown) => {
      if (value === undefined || value === null) throw new Error(t('form.required'));
    },
  };
  return (
    <>
      {traits.text && (
        <Space wrap>
          <Form.Item name="minLength" label={t('field.minLength')}><InputNumber min={0} precision={0} /></Form.Item>
          <Form.Item name="maxLength" label={t('field.maxLength')}><InputNumber min={0} precision={0} data-testid="field-max-length" /></Form.Item>
          <Form.Item name="pattern" label={t('field.pattern')}><Input /></Form.Item>
        </Space>
      )}
      {traits.number && (
        <Space wrap>
          <Form.Item name="min" label={t('field.min')}><InputNumber data-testid="field-min" /></Form.Item>
          <Form.Item name="max" label={t('field.max')}><InputNumber data-testid="field-max" /></Form.Item>
          {traits.scale && <Form.Item name="scale" label={t('field.scale')}><InputNumber min={0} max={10} precision={0} /></Form.Item>}
        </Space>
      )}
      {traits.options && <PicklistOptions />}
      {traits.target && <Form.Item name="target" label={t('field.target')} rules={[required]}><ObjectSelect data-testid="field-target" /></Form.Item>}
      {traits.format && <Form.Item name="format" label={t('field.format')} rules={[required]}><Input /></Form.Item>}
      {traits.returns && (
        <Form.Item name="returns" label={t('field.returns')} rules={[required]}>
          <Select showSearch optionFilterProp="label" options={COMPUTED_RETURN_TYPES.map((value) => ({ value, label: t(`types.${value}`) }))} data-testid="field-returns" />
        </Form.Item>
      )}
      {traits.formula && (
        <>
          <Form.Item
            name="expression"
            label={t('field.expression')}
            required
            extra={returns === 'boolean' ? t('field.expressionCondition') : t('field.expressionJson')}
            rules={[expressionRequired]}
          >
            <FormulaExpression object={object} returns={returns} />
          </Form.Item>
          <Form.Item name="computeOn" label={t('field.computeOn')}>
            <Select allowClear options={[{ value: 'write', label: t('field.computeOnWrite') }, { value: 'read', label: t('field.computeOnRead') }]} />
          </Form.Item>
        </>
      )}
      {traits.rollup && (
        <>
          <Form.Item name="of" label={t('field.of')} rules={[required]}><ObjectSelect data-testid="field-of" /></Form.Item>
          <Form.Item name="via" label={t('field.via')} rules={[required]}><Input /></Form.Item>
          <Form.Item name="aggregate" label={t('field.aggregate')} rules={[required]}><Select options={ROLLUP_AGGREGATES.map((value) => ({ value, label: value }))} /></Form.Item>
          <Form.Item name="field" label={t('field.rollupField')}><Input /></Form.Item>
        </>
      )}
    </>
  );
}

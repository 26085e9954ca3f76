/**
 * A document's API name (fixed once deployed) and its two labels, as form items of an antd Form whose values hold
 * `name` and `label`. Their test ids are `${testId}-name`, `${testId}-label-zh` and `${testId}-label-en`.
 */
import { Flex, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { NAME_PATTERN } from '../../../metadata/src/names.ts';

export function NameAndLabelItems({ testId, existing = false }: { testId: string; existing?: boolean }) {
  const { t } = useTranslation('shell');
  const required = { required: true, message: t('document.required') };
  return (
    <>
      <ApiNameItem testId={`${testId}-name`} existing={existing} />
      <Flex gap={8}>
        <Form.Item name={['label', 'zh-CN']} label={t('document.labelZh')} rules={[required]} style={{ flex: 1 }}>
          <Input data-testid={`${testId}-label-zh`} />
        </Form.Item>
        <Form.Item name={['label', 'en']} label={t('document.labelEn')} rules={[required]} style={{ flex: 1 }}>
          <Input data-testid={`${testId}-label-en`} />
        </Form.Item>
      </Flex>
    </>
  );
}

/** The API name alone, for a form that asks for the labels elsewhere. */
export function ApiNameItem({ testId, existing = false }: { testId: string; existing?: boolean }) {
  const { t } = useTranslation('shell');
  const rules = [{ required: true, message: t('document.required') }, { pattern: NAME_PATTERN, message: t('document.nameHelp') }];
  return (
    <Form.Item name="name" label={t('document.name')} extra={existing ? undefined : t('document.nameHelp')} rules={rules}>
      <Input disabled={existing} data-testid={testId} />
    </Form.Item>
  );
}

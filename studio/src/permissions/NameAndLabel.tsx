/** The API name (fixed once deployed) and the two labels every access document has, as form items. */
import { Flex, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

const NAME = /^[a-z][a-z0-9_]{0,47}$/;

export function NameAndLabel({ testId, existing }: { testId: string; existing: boolean }) {
  const { t } = useTranslation('permissions');
  const required = { required: true, message: t('required') };
  return (
    <>
      <Form.Item name="name" label={t('name')} extra={existing ? undefined : t('nameHelp')} rules={[required, { pattern: NAME, message: t('nameHelp') }]}>
        <Input disabled={existing} data-testid={`${testId}-name`} />
      </Form.Item>
      <Flex gap={8}>
        <Form.Item name={['label', 'zh-CN']} label={t('labelZh')} rules={[required]} style={{ flex: 1 }}>
          <Input data-testid={`${testId}-label-zh`} />
        </Form.Item>
        <Form.Item name={['label', 'en']} label={t('labelEn')} rules={[required]} style={{ flex: 1 }}>
          <Input data-testid={`${testId}-label-en`} />
        </Form.Item>
      </Flex>
    </>
  );
}

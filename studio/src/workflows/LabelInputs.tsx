/** A label's Chinese and English text; an optional label with both emptied is removed. */
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Label } from '../../../metadata/src/types.ts';

interface Props {
  value: Label | undefined;
  onChange: (label: Label | undefined) => void;
  testId: string;
  required?: boolean;
}

export function LabelInputs({ value, onChange, testId, required = false }: Props) {
  const { t } = useTranslation('workflows');
  const set = (language: keyof Label, text: string) => {
    const next = { 'zh-CN': value?.['zh-CN'] ?? '', en: value?.en ?? '', [language]: text };
    onChange(!required && next['zh-CN'] === '' && next.en === '' ? undefined : next);
  };
  return (
    <>
      <Form.Item label={t('panel.labelZh')} required={required}>
        <Input value={value?.['zh-CN'] ?? ''} onChange={(event) => set('zh-CN', event.target.value)} data-testid={`${testId}-zh`} />
      </Form.Item>
      <Form.Item label={t('panel.labelEn')} required={required}>
        <Input value={value?.en ?? ''} onChange={(event) => set('en', event.target.value)} data-testid={`${testId}-en`} />
      </Form.Item>
    </>
  );
}

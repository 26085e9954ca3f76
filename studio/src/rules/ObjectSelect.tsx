/** An object picked by its label or API name; usable inside a Form.Item (which passes value and onChange). */
import { Select } from 'antd';
import { useObjects } from '../api/queries.ts';
import { pick } from '../i18n/index.ts';

interface Props {
  value?: string;
  onChange?: (name: string | undefined) => void;
  placeholder?: string;
  testId: string;
}

export function ObjectSelect({ value, onChange, placeholder, testId }: Props) {
  const objects = useObjects();
  const options = (objects.data ?? []).map((o) => ({ value: o.name, label: `${pick(o.label)} (${o.name})` }));
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      style={{ minWidth: 240 }}
      value={value}
      onChange={(name?: string) => onChange?.(name)}
      options={options}
      placeholder={placeholder}
      loading={objects.isPending}
      data-testid={testId}
    />
  );
}

/** The rule's saved cases (each a record and the verdict it must get), the ones the last deploy said fail marked. */
import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RuleTest } from '../../../metadata/src/types.ts';
import { pick } from '../i18n/index.ts';

interface Props {
  tests: RuleTest[];
  failed: ReadonlyMap<number, string>;
  /** Cases added or removed since the rule was saved. */
  unsaved: boolean;
  onDelete: (index: number) => void;
}

const summary = (record: Record<string, unknown>): string =>
  Object.entries(record).map(([key, value]) => `${key}: ${typeof value === 'object' && value !== null ? summary(value as Record<string, unknown>) : JSON.stringify(value)}`).join(', ');

export function RuleCases({ tests, failed, unsaved, onDelete }: Props) {
  const { t } = useTranslation('rules');
  return (
    <Card size="small" title={t('cases.title')} extra={unsaved && <Tag color="orange">{t('cases.unsaved')}</Tag>} data-testid="rule-cases">
      {tests.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.none')} /> : (
      <List
        size="small"
        dataSource={tests}
        renderItem={(test, i) => (
          <List.Item
            data-testid={`case-row-${i}`}
            actions={[<Button key="delete" size="small" type="link" danger onClick={() => onDelete(i)} data-testid={`case-delete-${i}`}>{t('cases.delete')}</Button>]}
          >
            <Space direction="vertical" size={0}>
              <Space>
                <Tag color={test.expect === 'error' ? 'red' : 'green'}>{test.expect === 'error' ? t('cases.expectError') : t('cases.expectPass')}</Tag>
                {test.label && pick(test.label)}
                {failed.has(i) && <Tag color="error" data-testid={`case-failed-${i}`}>{t('cases.failed')}</Tag>}
              </Space>
              <Typography.Text type="secondary" code>{summary(test.record)}</Typography.Text>
              {failed.has(i) && <Typography.Text type="danger">{failed.get(i)}</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
      )}
    </Card>
  );
}

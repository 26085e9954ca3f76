/** Before a field changes: every rule, layout, workflow, permission set… that names it, and where. */
import { Alert, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFieldUsages } from '../api/queries.ts';

export function FieldUsages({ object, field }: { object: string; field: string }) {
  const { t } = useTranslation('objects');
  const usages = useFieldUsages(object, field);
  if (usages.isPending) return <Skeleton active paragraph={{ rows: 1 }} />;
  if (usages.isError) return <Alert type="error" showIcon title={t('usages.failed')} />;
  if (!usages.data.length) return <Alert type="info" showIcon title={t('usages.none')} data-testid="field-usages-none" />;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('usages.title', { count: usages.data.length })}
      data-testid="field-usages"
      description={(
        <ul style={{ margin: 0, paddingInlineStart: 18, maxHeight: 160, overflowY: 'auto' }}>
          {usages.data.map((use) => (
            <li key={`${use.kind}:${use.name}:${use.where}`} data-testid="field-usage">
              <Tag>{t(`usages.kinds.${use.kind}`)}</Tag>
              {use.name} <Typography.Text type="secondary" code>{use.where}</Typography.Text>
            </li>
          ))}
        </ul>
      )}
    />
  );
}

/** `/studio/rules`: every validation rule (filtered by object through `?object=`), and the dialog that starts a new one. */
import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { ValidationRuleDoc } from '../../../metadata/src/types.ts';
import { useDocuments } from '../api/queries.ts';
import { pick } from '../i18n/index.ts';
import { NewRuleModal } from './NewRuleModal.tsx';
import { ObjectSelect } from './ObjectSelect.tsx';

export function RulesPage() {
  const { t } = useTranslation('rules');
  const [params, setParams] = useSearchParams();
  const object = params.get('object') ?? undefined;
  const rules = useDocuments('validationRule');
  const [creating, setCreating] = useState(false);
  const shown = (rules.data ?? []).filter((r) => !object || r.object === object);
  return (
    <div data-testid="rules-page">
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('title')}</Typography.Title>
        <Flex gap={8}>
          <ObjectSelect value={object} onChange={(name) => setParams(name ? { object: name } : {})} placeholder={t('filterByObject')} testId="rules-object-filter" />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-rule">{t('newRule')}</Button>
        </Flex>
      </Flex>
      {rules.error && <Alert type="error" showIcon title={rules.error.message} />}
      <RuleTable rules={shown} loading={rules.isPending} />
      <NewRuleModal open={creating} object={object} onClose={() => setCreating(false)} />
    </div>
  );
}

export function RuleTable({ rules, loading }: { rules: ValidationRuleDoc[]; loading: boolean }) {
  const { t } = useTranslation('rules');
  const columns = [
    { key: 'name', title: t('columns.name'), render: (r: ValidationRuleDoc) => <Link to={`/rules/${r.name}`} data-testid={`rule-link-${r.name}`}>{r.name}</Link> },
    { key: 'label', title: t('columns.label'), render: (r: ValidationRuleDoc) => pick(r.label) },
    { key: 'object', title: t('columns.object'), render: (r: ValidationRuleDoc) => <Typography.Text code>{r.object}</Typography.Text> },
    { key: 'field', title: t('columns.field'), render: (r: ValidationRuleDoc) => r.field ?? '—' },
    { key: 'active', title: t('columns.active'), render: (r: ValidationRuleDoc) => (r.active === false ? <Tag>{t('inactive')}</Tag> : <Tag color="green">{t('active')}</Tag>) },
    { key: 'cases', title: t('columns.cases'), align: 'right' as const, render: (r: ValidationRuleDoc) => r.tests?.length ?? 0 },
  ];
  return <Table<ValidationRuleDoc> rowKey="name" size="middle" loading={loading} dataSource={rules} columns={columns} pagination={{ pageSize: 50, hideOnSinglePage: true }} locale={{ emptyText: t('noRules') }} data-testid="rules-table" />;
}

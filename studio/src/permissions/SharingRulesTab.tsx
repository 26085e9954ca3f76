/** Sharing rules per object: who gets which records, with what access; a name opens the rule's editor. */
import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Select, Spin, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { SharingRuleDoc } from '../../../metadata/src/types.ts';
import { useDocuments, useObjects } from '../api/queries.ts';
import { pick } from '../i18n/index.ts';
import { rulesByObject } from './sharing-rule-model.ts';

export function SharingRulesTab() {
  const { t } = useTranslation('permissions');
  const navigate = useNavigate();
  const rules = useDocuments('sharingRule');
  const objects = useObjects();
  const [object, setObject] = useState<string | undefined>();
  const error = rules.error ?? objects.error;
  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (!rules.data || !objects.data) return <Spin style={{ display: 'block', margin: 48 }} />;

  const labelOf = (name: string) => pick(objects.data.find((o) => o.name === name)?.label ?? { 'zh-CN': name, en: name });
  const groups = rulesByObject(rules.data).filter(([name]) => object === undefined || name === object);
  const columns = [
    { key: 'name', title: t('name'), render: (r: SharingRuleDoc) => <Link to={`/permissions/sharing/${r.name}`} data-testid={`rule-link-${r.name}`}>{r.name}</Link> },
    { key: 'label', title: t('labelZh'), render: (r: SharingRuleDoc) => pick(r.label) },
    { key: 'roles', title: t('sharing.roles'), render: (r: SharingRuleDoc) => r.roles.map((role) => <Tag key={role}>{role}</Tag>) },
    { key: 'records', title: t('sharing.criteria'), render: (r: SharingRuleDoc) => t(r.criteria === undefined ? 'sharing.everyRecord' : 'sharing.withCriteria') },
    { key: 'access', title: t('sharing.access'), render: (r: SharingRuleDoc) => <Tag color={r.access === 'edit' ? 'orange' : 'blue'}>{t(`access.${r.access}`)}</Tag> },
  ];
  return (
    <div data-testid="sharing-tab">
      <Flex justify="space-between" style={{ marginBottom: 12 }}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('sharing.allObjects')}
          value={object}
          onChange={setObject}
          options={objects.data.map((o) => ({ value: o.name, label: `${pick(o.label)} (${o.name})` }))}
          style={{ width: 280 }}
          data-testid="sharing-object-filter"
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`/permissions/sharing/new-rule${object ? `?object=${object}` : ''}`)} data-testid="new-rule">
          {t('sharing.newRule')}
        </Button>
      </Flex>
      {!groups.length && <Empty description={t('sharing.empty')} />}
      <Flex vertical gap={16}>
        {groups.map(([name, list]) => (
          <Card key={name} size="small" title={`${labelOf(name)} (${name})`} data-testid={`rules-of-${name}`}>
            <Table<SharingRuleDoc> rowKey="name" size="small" dataSource={list} columns={columns} pagination={false} />
          </Card>
        ))}
      </Flex>
    </div>
  );
}

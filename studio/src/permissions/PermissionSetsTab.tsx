/** Every permission set: labels, how many objects it grants and its admin rights; a name opens its editor. */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { PermissionSetDoc } from '../../../metadata/src/types.ts';
import { useDocuments } from '../api/queries.ts';

export function PermissionSetsTab() {
  const { t } = useTranslation('permissions');
  const navigate = useNavigate();
  const sets = useDocuments('permissionSet');
  const columns = [
    { key: 'name', title: t('name'), render: (s: PermissionSetDoc) => <Link to={`/permissions/sets/${s.name}`} data-testid={`set-link-${s.name}`}>{s.name}</Link> },
    { key: 'zh', title: t('labelZh'), render: (s: PermissionSetDoc) => s.label['zh-CN'] },
    { key: 'en', title: t('labelEn'), render: (s: PermissionSetDoc) => s.label.en },
    { key: 'objects', title: t('sets.objects'), align: 'right' as const, render: (s: PermissionSetDoc) => Object.keys(s.objects ?? {}).length },
    { key: 'rights', title: t('sets.rights'), render: (s: PermissionSetDoc) => (s.rights ?? []).map((r) => <Tag key={r}>{t(`adminRights.${r}`)}</Tag>) },
  ];
  return (
    <div data-testid="sets-tab">
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/permissions/sets/new-set')} data-testid="new-set">{t('sets.newSet')}</Button>
      </Flex>
      {sets.error && <Alert type="error" showIcon title={sets.error.message} />}
      <Table<PermissionSetDoc> rowKey="name" size="middle" loading={sets.isPending} dataSource={sets.data} columns={columns} pagination={false} />
    </div>
  );
}

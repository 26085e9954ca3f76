/** The role hierarchy as a tree under the built-in admin, each role with its permission sets; a click edits it. */
import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Spin, Tag, Tree, Typography, type TreeDataNode } from 'antd';
import { useTranslation } from 'react-i18next';
import { BUILT_IN_ADMIN } from '../../../metadata/src/check-access.ts';
import { useDocuments } from '../api/queries.ts';
import { pick } from '../i18n/index.ts';
import { RoleDrawer } from './RoleDrawer.tsx';
import { roleTree, type RoleNode } from './role-model.ts';

export function RolesTab() {
  const { t } = useTranslation('permissions');
  const roles = useDocuments('role');
  const [editing, setEditing] = useState<{ name?: string } | null>(null);
  if (roles.error) return <Alert type="error" showIcon title={roles.error.message} />;
  if (!roles.data) return <Spin style={{ display: 'block', margin: 48 }} />;

  const toData = (node: RoleNode): TreeDataNode => ({ key: node.name, title: <RoleTitle node={node} />, children: node.children.map(toData) });
  return (
    <div data-testid="roles-tab">
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('roles.hint')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="new-role">{t('roles.newRole')}</Button>
      </Flex>
      <Tree
        key={roles.dataUpdatedAt}
        treeData={[toData(roleTree(roles.data))]}
        defaultExpandAll
        showLine
        blockNode
        selectable
        selectedKeys={[]}
        onSelect={(keys) => keys[0] && keys[0] !== BUILT_IN_ADMIN && setEditing({ name: String(keys[0]) })}
        data-testid="role-tree"
      />
      <RoleDrawer open={editing !== null} name={editing?.name} roles={roles.data} onClose={() => setEditing(null)} />
    </div>
  );
}

function RoleTitle({ node }: { node: RoleNode }) {
  const { t } = useTranslation('permissions');
  const { role } = node;
  return (
    <Flex gap={8} align="center" wrap data-testid={`role-node-${node.name}`}>
      <Typography.Text strong>{role ? pick(role.label) : t('roles.builtIn')}</Typography.Text>
      <Typography.Text code>{node.name}</Typography.Text>
      {role?.portal && <Tag color="orange">{t('roles.portalTag')}</Tag>}
      {(role?.permissionSets ?? []).map((set) => <Tag key={set} color="blue">{set}</Tag>)}
    </Flex>
  );
}

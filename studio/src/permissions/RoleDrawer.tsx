/** Add or edit one role: labels, the role above it, the portal flag and its permission sets; its history. */
import { Button, Checkbox, Drawer, Form, Select, Space, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { BUILT_IN_ADMIN } from '../../../metadata/src/check-access.ts';
import type { RoleDoc } from '../../../metadata/src/types.ts';
import { customDocument, type DocumentVersion } from '../api/meta.ts';
import { useDocuments } from '../api/queries.ts';
import { FormProblems } from '../deploy/FormProblems.tsx';
import { useDeploy } from '../deploy/use-deploy.tsx';
import { useSave } from '../deploy/use-save.ts';
import { pick } from '../i18n/index.ts';
import { NameAndLabelItems } from '../shell/NameAndLabelItems.tsx';
import { useEditedDocument } from './access-api.ts';
import { roleDraft, roleTree, roleValues, selfAndBelow, type RoleValues } from './role-model.ts';
import { WithHistory } from './WithHistory.tsx';

const FORM_FIELDS = ['name', 'label', 'parent', 'portal', 'permissionSets'];

interface Props {
  open: boolean;
  /** The role edited; none for a new one. */
  name?: string;
  roles: RoleDoc[];
  onClose: () => void;
}

export function RoleDrawer({ open, name, roles, onClose }: Props) {
  const { t } = useTranslation('permissions');
  const edited = useEditedDocument('role', name);
  const title = name ? `${t('roles.editRole')} · ${name}` : t('roles.newRole');
  const form = edited.loading ? <Spin /> : <RoleForm key={name ?? ''} name={name} roles={roles} effective={edited.effective} custom={edited.history} onDone={onClose} />;
  return (
    <Drawer open={open} onClose={onClose} size="large" title={title} destroyOnHidden data-testid="role-drawer">
      <WithHistory kind="role" name={name} testId="role-tab-history">{form}</WithHistory>
    </Drawer>
  );
}

interface FormProps {
  name?: string;
  roles: RoleDoc[];
  effective?: RoleDoc;
  custom: DocumentVersion<RoleDoc>[] | undefined;
  onDone: () => void;
}

function RoleForm({ name, roles, effective, custom, onDone }: FormProps) {
  const { t } = useTranslation('permissions');
  const [form] = Form.useForm<RoleValues>();
  const sets = useDocuments('permissionSet');
  const { deploy, modal } = useDeploy();
  const { save, busy, problems } = useSave(form, FORM_FIELDS, ['permissionSets']);

  const below = new Set(name ? selfAndBelow(roleTree(roles), name) : []);
  const parents = [
    { value: BUILT_IN_ADMIN, label: `${t('roles.builtIn')} (${BUILT_IN_ADMIN})` },
    ...roles.filter((r) => !below.has(r.name)).map((r) => ({ value: r.name, label: `${pick(r.label)} (${r.name})` })),
  ];
  const setOptions = (sets.data ?? []).map((s) => ({ value: s.name, label: `${pick(s.label)} (${s.name})` }));
  const submit = async (values: RoleValues) => {
    const draft = roleDraft(values, effective, customDocument('role', values.name, custom ?? []));
    if (await save(() => deploy(draft))) onDone();
  };

  return (
    <>
      <FormProblems problems={problems} />
      <Form<RoleValues> form={form} layout="vertical" onFinish={submit} initialValues={roleValues(effective)} data-testid="role-form">
        <NameAndLabelItems testId="role" existing={!!name} />
        <Form.Item name="parent" label={t('roles.parent')}>
          <Select showSearch optionFilterProp="label" options={parents} data-testid="role-parent" />
        </Form.Item>
        <Form.Item name="portal" valuePropName="checked">
          <Checkbox data-testid="role-portal">{t('roles.portal')}</Checkbox>
        </Form.Item>
        <Form.Item name="permissionSets" label={t('roles.permissionSets')}>
          <Select mode="multiple" optionFilterProp="label" loading={sets.isPending} options={setOptions} data-testid="role-permission-sets" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="role-save">{t('save')}</Button>
          <Button onClick={onDone}>{t('cancel')}</Button>
        </Space>
      </Form>
      {modal}
    </>
  );
}

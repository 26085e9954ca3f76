/**
 * `/studio/permissions/sets/:name` (or `new-set`): a permission set's labels, its object × right grid, its field
 * matrix for a chosen object and its admin rights, saved together through the deploy plan; its history.
 */
import { useState } from 'react';
import { Alert, Breadcrumb, Button, Checkbox, Flex, Form, Spin, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ADMIN_RIGHTS, type Label, type ObjectDoc, type PermissionSetDoc } from '../../../metadata/src/types.ts';
import { customDocument, type DocumentVersion } from '../api/meta.ts';
import { useObjects } from '../api/queries.ts';
import { FormProblems } from '../deploy/FormProblems.tsx';
import { useDeploy } from '../deploy/use-deploy.tsx';
import { useSave } from '../deploy/use-save.ts';
import { DocumentHistory } from '../history/DocumentHistory.tsx';
import { pick } from '../i18n/index.ts';
import { NameAndLabelItems } from '../shell/NameAndLabelItems.tsx';
import { useEditedDocument } from './access-api.ts';
import { FieldMatrix } from './FieldMatrix.tsx';
import { emptyModel, modelOf, permissionSetDraft, type PermissionSetModel } from './permission-set-model.ts';
import { RightsGridTable } from './RightsGridTable.tsx';

export function PermissionSetPage() {
  const { name } = useParams();
  const edited = useEditedDocument('permissionSet', name);
  const objects = useObjects();
  const error = edited.error ?? objects.error;
  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (edited.loading || !objects.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  return <PermissionSetEditor key={name ?? ''} name={name} effective={edited.effective} history={edited.history ?? []} objects={objects.data} />;
}

interface EditorProps {
  name?: string;
  effective?: PermissionSetDoc;
  history: DocumentVersion<PermissionSetDoc>[];
  objects: ObjectDoc[];
}

function PermissionSetEditor({ name, effective, history, objects }: EditorProps) {
  const { t } = useTranslation('permissions');
  const navigate = useNavigate();
  const [form] = Form.useForm<{ name: string; label: Label }>();
  const [model, setModel] = useState<PermissionSetModel>(() => (effective ? modelOf(effective) : emptyModel()));
  const [fieldObject, setFieldObject] = useState<string | undefined>(() => Object.keys(model.grid)[0]);
  const { deploy, modal } = useDeploy();
  const { save, busy, problems } = useSave(form, ['name', 'label']);
  const change = (part: Partial<PermissionSetModel>) => setModel((current) => ({ ...current, ...part }));

  const submit = async (values: { name: string; label: Label }) => {
    const edit = { ...model, name: values.name, label: values.label };
    const draft = permissionSetDraft(edit, effective, customDocument('permissionSet', values.name, history));
    if ((await save(() => deploy(draft))) && !name) navigate(`/permissions/sets/${values.name}`, { replace: true });
  };

  const rights = (
    <div data-testid="admin-rights">
      <Typography.Paragraph type="secondary">{t('sets.rightsHint')}</Typography.Paragraph>
      <Checkbox.Group
        value={model.rights}
        onChange={(next) => change({ rights: next })}
        options={ADMIN_RIGHTS.map((right) => ({ value: right, label: <span data-testid={`admin-right-${right}`}>{t(`adminRights.${right}`)} <Typography.Text code>{right}</Typography.Text></span> }))}
        style={{ display: 'grid', gap: 8 }}
      />
    </div>
  );
  const tabs = [
    { key: 'objects', label: <span data-testid="set-tab-objects">{t('tabs.objects')}</span>, children: <RightsGridTable objects={objects} grid={model.grid} onChange={(grid) => change({ grid })} /> },
    {
      key: 'fields',
      label: <span data-testid="set-tab-fields">{t('tabs.fields')}</span>,
      children: <FieldMatrix objects={objects} object={fieldObject} onObject={setFieldObject} grid={model.grid} levels={model.fields} onChange={(fields) => change({ fields })} />,
    },
    { key: 'rights', label: <span data-testid="set-tab-rights">{t('tabs.rights')}</span>, children: rights },
    ...(name ? [{ key: 'history', label: <span data-testid="set-tab-history">{t('tabs.history')}</span>, children: <DocumentHistory kind="permissionSet" name={name} /> }] : []),
  ];
  return (
    <div data-testid="set-page">
      <Breadcrumb items={[{ title: <Link to="/permissions/sets">{t('tabs.sets')}</Link> }, { title: effective ? pick(effective.label) : t('sets.newSet') }]} style={{ marginBottom: 12 }} />
      <FormProblems problems={problems} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ name: model.name, label: model.label }} data-testid="set-form">
        <Flex gap={16} align="flex-end" wrap>
          <div style={{ flex: 1, minWidth: 480 }}><NameAndLabelItems testId="set" existing={!!name} /></div>
          <Form.Item><Button type="primary" htmlType="submit" loading={busy} data-testid="set-save">{t('save')}</Button></Form.Item>
        </Flex>
      </Form>
      <Tabs items={tabs} />
      {modal}
    </div>
  );
}

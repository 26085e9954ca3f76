/**
 * `/studio/permissions/sharing/:name` (or `new-rule`): a sharing rule's labels, object, roles, access and the
 * criteria of the records it shares (the visual builder, limited to what runs in the database); its history.
 */
import { Alert, Breadcrumb, Button, Checkbox, Form, Radio, Select, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { JsonLogic, SharingRuleDoc } from '../../../metadata/src/types.ts';
import { customDocument, type DocumentVersion } from '../api/meta.ts';
import { useDocuments, useObjects } from '../api/queries.ts';
import { FormProblems } from '../deploy/FormProblems.tsx';
import { useDeploy } from '../deploy/use-deploy.tsx';
import { useSave } from '../deploy/use-save.ts';
import { pick } from '../i18n/index.ts';
import { LogicBuilder } from '../logic/LogicBuilder.tsx';
import { NameAndLabelItems } from '../shell/NameAndLabelItems.tsx';
import { useEditedDocument } from './access-api.ts';
import { sharingRuleDraft, sharingRuleValues, type SharingRuleValues } from './sharing-rule-model.ts';
import { WithHistory } from './WithHistory.tsx';

const FORM_FIELDS = ['name', 'label', 'object', 'roles', 'includeSubordinates', 'access', 'criteria'];
/** Items whose errors name a part inside them (`/roles/1`, `/criteria/and/0`): the error goes on the whole item. */
const WHOLE_FIELDS = ['roles', 'criteria'];

export function SharingRulePage() {
  const { name } = useParams();
  const edited = useEditedDocument('sharingRule', name);
  if (edited.error) return <Alert type="error" showIcon title={edited.error.message} />;
  if (edited.loading) return <Spin style={{ display: 'block', margin: 48 }} />;
  return <SharingRuleEditor key={name ?? ''} name={name} effective={edited.effective} history={edited.history ?? []} />;
}

interface EditorProps {
  name?: string;
  effective?: SharingRuleDoc;
  history: DocumentVersion<SharingRuleDoc>[];
}

function SharingRuleEditor({ name, effective, history }: EditorProps) {
  const { t } = useTranslation('permissions');
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [form] = Form.useForm<SharingRuleValues>();
  const object = Form.useWatch('object', form);
  const objects = useObjects();
  const roles = useDocuments('role');
  const { deploy, modal } = useDeploy();
  const { save, busy, problems } = useSave(form, FORM_FIELDS, WHOLE_FIELDS);

  const submit = async (values: SharingRuleValues) => {
    const draft = sharingRuleDraft(values, effective, customDocument('sharingRule', values.name, history));
    if ((await save(() => deploy(draft))) && !name) navigate(`/permissions/sharing/${values.name}`, { replace: true });
  };
  const required = { required: true, message: t('required') };
  const internalRoles = (roles.data ?? []).filter((r) => !r.portal).map((r) => ({ value: r.name, label: `${pick(r.label)} (${r.name})` }));

  const editor = (
    <Form<SharingRuleValues> form={form} layout="vertical" onFinish={submit} initialValues={sharingRuleValues(effective, search.get('object') ?? undefined)} data-testid="rule-form">
      <NameAndLabelItems testId="rule" existing={!!name} />
      <Form.Item name="object" label={t('sharing.object')} rules={[required]}>
        <Select
          showSearch
          optionFilterProp="label"
          disabled={!!name}
          loading={objects.isPending}
          options={(objects.data ?? []).map((o) => ({ value: o.name, label: `${pick(o.label)} (${o.name})` }))}
          onChange={() => form.setFieldValue('criteria', undefined)}
          data-testid="rule-object"
        />
      </Form.Item>
      <Form.Item name="roles" label={t('sharing.roles')} rules={[required]}>
        <Select mode="multiple" optionFilterProp="label" loading={roles.isPending} options={internalRoles} data-testid="rule-roles" />
      </Form.Item>
      <Form.Item name="includeSubordinates" valuePropName="checked">
        <Checkbox data-testid="rule-include-subordinates">{t('sharing.includeSubordinates')}</Checkbox>
      </Form.Item>
      <Form.Item name="access" label={t('sharing.access')}>
        <Radio.Group options={(['read', 'edit'] as const).map((access) => ({ value: access, label: <span data-testid={`rule-access-${access}`}>{t(`access.${access}`)}</span> }))} />
      </Form.Item>
      <Form.Item name="criteria" label={t('sharing.criteria')} extra={t('sharing.criteriaHint')}>
        <CriteriaInput object={object} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="rule-save">{t('save')}</Button>
        <Button onClick={() => navigate('/permissions/sharing')}>{t('cancel')}</Button>
      </Space>
    </Form>
  );
  return (
    <div data-testid="rule-page">
      <Breadcrumb items={[{ title: <Link to="/permissions/sharing">{t('tabs.sharing')}</Link> }, { title: effective ? pick(effective.label) : t('sharing.newRule') }]} style={{ marginBottom: 12 }} />
      <FormProblems problems={problems} />
      <WithHistory kind="sharingRule" name={name} testId="rule-tab-history">{editor}</WithHistory>
      {modal}
    </div>
  );
}

interface CriteriaProps {
  object: string | undefined;
  value?: JsonLogic;
  onChange?: (value: JsonLogic | undefined) => void;
}

/** The criteria as a form control: the builder in `sqlOnly` mode over the rule's object, once there is one. */
function CriteriaInput({ object, value, onChange }: CriteriaProps) {
  const { t } = useTranslation('permissions');
  if (!object) return <Typography.Text type="secondary">{t('sharing.pickObjectFirst')}</Typography.Text>;
  return <LogicBuilder object={object} value={value} onChange={(next) => onChange?.(next)} testId="rule-criteria" sqlOnly />;
}

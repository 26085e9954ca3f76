/** "Explain access" answered: the user, the object rights and the sets that give them, record access and why, field access. */
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Card, Descriptions, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { OBJECT_RIGHTS, type FieldAccessLevel, type ObjectDoc, type PermissionSetDoc, type RoleDoc, type SharingRuleDoc } from '../../../metadata/src/types.ts';
import { pick } from '../i18n/index.ts';
import { grantingSets, type AccessExplanation, type Verdict } from './explain-model.ts';
import { ReasonText } from './ReasonText.tsx';

interface Props {
  answer: AccessExplanation;
  object: ObjectDoc | undefined;
  sets: readonly PermissionSetDoc[];
  roles: readonly RoleDoc[];
  rules: readonly SharingRuleDoc[];
}

type AccessMode = 'read' | 'edit';
const ACCESS_MODES: AccessMode[] = ['read', 'edit'];
const LEVEL_COLOR: Record<FieldAccessLevel, string> = { none: 'default', read: 'blue', edit: 'green' };

export function ExplainAnswer({ answer, object, sets, roles, rules }: Props) {
  const { t } = useTranslation('permissions');
  const setsByName = new Map(sets.map((s) => [s.name, s]));
  const role = roles.find((r) => r.name === answer.user.role);
  const verdicts = (testId: string, pair: Record<AccessMode, Verdict>) => ACCESS_MODES.map((mode) => (
    <VerdictLine key={mode} mode={mode} verdict={pair[mode]} testId={`${testId}-${mode}`} object={object} rules={rules} />
  ));
  const rightRows = OBJECT_RIGHTS.map((right) => ({ right, by: grantingSets(setsByName, answer.permissionSets, answer.object, right), granted: answer.objectRights.includes(right) }));
  const fieldRows = Object.entries(answer.fields).map(([name, level]) => ({ name, level, label: object?.fields.find((f) => f.name === name)?.label }));
  return (
    <Flex vertical gap={16} data-testid="explain-answer">
      <Descriptions size="small" bordered column={1}>
        <Descriptions.Item label={t('explain.user')}>
          {answer.user.displayName ?? answer.user.username} <Typography.Text code>{answer.user.username}</Typography.Text>
          {answer.user.kind === 'portal' && <Tag color="orange">{t('explain.portalUser')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('explain.role')}>{role ? `${pick(role.label)} (${role.name})` : answer.user.role ?? t('explain.noRole')}</Descriptions.Item>
        <Descriptions.Item label={t('explain.heldSets')}>
          {answer.permissionSets.map((name) => <Tag key={name} color="blue">{setsByName.has(name) ? `${pick(setsByName.get(name)!.label)} (${name})` : name}</Tag>)}
        </Descriptions.Item>
      </Descriptions>
      {answer.record && (
        <Card size="small" title={t('explain.recordTitle')} data-testid="explain-record">
          {verdicts('explain-record', answer.record)}
        </Card>
      )}
      <Card size="small" title={t('explain.recordsTitle')} data-testid="explain-records">
        {verdicts('explain-records', answer.records)}
      </Card>
      <CardTable
        title={t('explain.objectRights')}
        rowKey="right"
        rows={rightRows}
        columns={[
          { key: 'right', title: t('explain.objectRights'), render: (_, row) => t(`rights.${row.right}`) },
          {
            key: 'by',
            title: t('explain.grantedBy'),
            render: (_, row) => (
              <span data-testid={`explain-right-${row.right}`}>
                {row.granted ? row.by.map((name) => <Tag key={name} color="green">{name}</Tag>) : <Tag>{t('explain.notGranted')}</Tag>}
              </span>
            ),
          },
        ]}
      />
      <CardTable
        title={t('explain.fieldAccess')}
        rowKey="name"
        rows={fieldRows}
        columns={[
          { key: 'field', title: t('explain.field'), render: (_, row) => <>{row.label ? pick(row.label) : row.name} <Typography.Text type="secondary" code>{row.name}</Typography.Text></> },
          { key: 'level', title: t('explain.level'), render: (_, row) => <Tag color={LEVEL_COLOR[row.level]} data-testid={`explain-field-${row.name}`}>{t(`levels.${row.level}`)}</Tag> },
        ]}
      />
    </Flex>
  );
}

interface VerdictProps {
  mode: AccessMode;
  verdict: Verdict;
  testId: string;
  object: ObjectDoc | undefined;
  rules: readonly SharingRuleDoc[];
}

function VerdictLine({ mode, verdict, testId, object, rules }: VerdictProps) {
  const { t } = useTranslation('permissions');
  return (
    <Flex gap={8} align="baseline" style={{ marginBottom: 8 }} data-testid={testId} data-allowed={verdict.allowed}>
      <Typography.Text strong style={{ minWidth: 48 }}>{t(`explain.${mode}`)}</Typography.Text>
      {verdict.allowed
        ? <Tag icon={<CheckCircleFilled />} color="success">{t('explain.allowed')}</Tag>
        : <Tag icon={<CloseCircleFilled />} color="error">{t('explain.denied')}</Tag>}
      <Flex vertical>
        {verdict.reasons.map((reason, i) => <ReasonText key={i} reason={reason} object={object} rules={rules} />)}
      </Flex>
    </Flex>
  );
}

interface CardTableProps<Row> {
  title: string;
  rowKey: keyof Row & string;
  rows: Row[];
  columns: TableColumnsType<NoInfer<Row>>;
}

function CardTable<Row extends object>({ title, rowKey, rows, columns }: CardTableProps<Row>) {
  return (
    <Card size="small" title={title}>
      <Table<Row> rowKey={rowKey} size="small" pagination={false} dataSource={rows} columns={columns} />
    </Card>
  );
}

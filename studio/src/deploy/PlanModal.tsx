/** The steps of a dry run, each with its SQL folded away, and those the engine says are slow or lose data flagged. */
import { Alert, Collapse, Modal, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PlanStep } from '../api/meta.ts';
import { pick } from '../i18n/index.ts';

const RISK_COLORS = { slow: 'orange', destructive: 'red' } as const;

interface Props {
  steps: PlanStep[] | null;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function PlanModal({ steps, busy, onConfirm, onCancel }: Props) {
  const { t } = useTranslation('deploy');
  const items = (steps ?? []).map((step, i) => ({
    key: String(i),
    label: (
      <Space wrap>
        <Tag color={step.risk ? RISK_COLORS[step.risk.level] : 'blue'}>{step.kind}</Tag>
        <span>{pick(step.description)}</span>
        {step.risk && (
          <Typography.Text type={step.risk.level === 'destructive' ? 'danger' : 'warning'} data-testid="plan-risk">
            {t(`risk.${step.risk.level}`, { rows: step.risk.rows.toLocaleString() })}: {pick(step.risk.reason)}
          </Typography.Text>
        )}
      </Space>
    ),
    children: (
      <div data-testid="plan-step-sql">
        {step.sql.length
          ? <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12 }}>{step.sql.join(';\n\n')}</pre>
          : <Typography.Text type="secondary">{t('noSql')}</Typography.Text>}
      </div>
    ),
  }));
  return (
    <Modal
      open={steps !== null}
      title={t('planTitle')}
      width={760}
      okText={t('confirm')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      onOk={onConfirm}
      onCancel={onCancel}
      okButtonProps={{ 'data-testid': 'plan-confirm' }}
      destroyOnHidden
    >
      <div data-testid="deploy-plan">
        <Alert type="info" title={t('planIntro')} style={{ marginBottom: 12 }} />
        <Collapse size="small" items={items} />
      </div>
    </Modal>
  );
}

/** A new record: the form, pre-filled from the query string, then the new record's page. */
import { Card, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { UiObject } from '../../../metadata/src/ui-contract.ts';
import { fieldDefaults, prefillFromQuery } from '../form/prefill.ts';
import { pick } from '../i18n/index.ts';
import { NotFound } from '../shell/NotFound.tsx';
import { LazyRecordForm } from './LazyRecordForm.tsx';

export function CreateRecord({ ui }: { ui: UiObject }) {
  const { t } = useTranslation('record');
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const prefill = useMemo(() => ({ ...fieldDefaults(ui.fields), ...prefillFromQuery(search, ui.schema) }), [search, ui]);
  if (!ui.rights.create) return <NotFound />;
  return (
    <Card data-testid="record-create" title={<Typography.Title level={4} style={{ margin: 0 }}>{t('newTitle', { object: pick(ui.label) })}</Typography.Title>}>
      <LazyRecordForm
        ui={ui}
        prefill={prefill}
        onSaved={(record) => navigate(`/o/${ui.name}/${record.id}`, { replace: true })}
        onCancel={() => navigate(-1)}
      />
    </Card>
  );
}

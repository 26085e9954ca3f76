/**
 * The create and edit form of any object, drawn from its UiObject: sections, widgets, field conditions, and live
 * validation (schema, browser rules, the server's check) shown under each field before the user saves.
 */
import { App, Button, Space } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiObject } from '../../../metadata/src/ui-contract.ts';
import type { RecordData } from '../api/records.ts';
import { changedValues, filledValues } from './changed-values.ts';
import { ConflictModal } from './ConflictModal.tsx';
import { effectiveForm } from './effective-form.ts';
import type { RecordFormContext } from './form-context.ts';
import { FormProblems } from './FormProblems.tsx';
import { isFieldLevel, toErrorSchema, topField, uniqueProblems, type FieldProblem } from './problems.ts';
import { ThemedForm } from './theme.ts';
import { useFormValues } from './use-form-values.ts';
import { useLiveValidation } from './use-live-validation.ts';
import { useSaveRecord, type SaveResult } from './use-save-record.ts';
import validator from '@rjsf/validator-ajv8';

export interface RecordFormProps {
  ui: UiObject;
  /** The record being edited; absent for a new one. */
  record?: RecordData;
  /** Starting values of a new record (from the query string). */
  prefill?: Record<string, unknown>;
  /** Absent in a preview (the studio's layout designer): the form then has no save or cancel, and saves nothing. */
  onSaved?: (record: RecordData, created: boolean) => void;
  onCancel?: () => void;
}

export default function RecordForm({ ui, record, prefill, onSaved, onCancel }: RecordFormProps) {
  const { t } = useTranslation('form');
  const { message } = App.useApp();
  const { base, values, touched, change, rebase } = useFormValues(record, prefill);
  const [submitted, setSubmitted] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Record<string, unknown> | null>(null);
  const shape = useMemo(() => effectiveForm(ui, values), [ui, values]);
  const payload = useMemo(
    () => (base ? changedValues(base, values, shape.schema) : filledValues(values, shape.schema)),
    [base, values, shape.schema],
  );
  const live = useLiveValidation({ ui, schema: shape.schema, values, payload, id: base?.id });
  const { save, saving } = useSaveRecord(ui.name);
  const context: RecordFormContext = useMemo(() => ({ ui }), [ui]);

  const rendered = (p: FieldProblem) => topField(p) in ((shape.schema.properties ?? {}) as object);
  const shown = uniqueProblems(live.problems).filter((p) => submitted || touched.has(topField(p)) || (!isFieldLevel(p) && touched.size > 0));
  const underFields = shown.filter(rendered);
  const elsewhere = shown.filter((p) => !rendered(p));
  const extraErrors = useMemo(() => toErrorSchema(underFields), [JSON.stringify(underFields)]);

  const handle = (result: SaveResult, mine: Record<string, unknown>) => {
    if (result.ok) return onSaved?.(result.record, result.created);
    if (result.kind === 'conflict') return setConflict(mine);
    if (result.kind === 'invalid') {
      live.setServerProblems(result.problems);
      return setFailure(result.problems.some(rendered) ? null : result.message);
    }
    setFailure(result.message);
  };

  const submit = async () => {
    if (!onSaved) return;
    setSubmitted(true);
    setFailure(null);
    const blocking = live.checkNow().filter(rendered);
    if (blocking.length) return void message.error(t('fixProblems', { count: blocking.length }));
    if (base && !Object.keys(payload).length) return onSaved(base, false);
    handle(await save(base, payload), payload);
  };

  const saveAgain = async (latest: RecordData, mine: Record<string, unknown>) => {
    setConflict(null);
    rebase(latest, mine);
    handle(await save(latest, mine), mine);
  };

  return (
    <div data-testid="record-form">
      <FormProblems problems={elsewhere} failure={failure} />
      <ThemedForm
        schema={shape.schema}
        uiSchema={shape.uiSchema}
        formData={values}
        formContext={context}
        validator={validator}
        extraErrors={extraErrors}
        showErrorList={false}
        noHtml5Validate
        onChange={(event) => change((event.formData ?? {}) as Record<string, unknown>)}
        onSubmit={() => void submit()}
      />
      {onSaved && (
        <Space style={{ marginTop: 8 }}>
          <Button type="primary" data-testid="record-save" loading={saving} onClick={() => void submit()}>{t('save')}</Button>
          <Button data-testid="record-cancel" onClick={onCancel}>{t('cancel')}</Button>
        </Space>
      )}
      {conflict && base && (
        <ConflictModal
          ui={ui}
          id={base.id}
          mine={conflict}
          onClose={() => setConflict(null)}
          onReload={(latest) => { setConflict(null); rebase(latest); setSubmitted(false); }}
          onSaveAgain={(latest, mine) => void saveAgain(latest, mine)}
        />
      )}
    </div>
  );
}

/** Saving the form: POST for a new record, PATCH of the changed fields with the version read for an existing one. */
import { useState } from 'react';
import { createRecord, updateRecord, type RecordData } from '../api/records.ts';
import { saveFailure, type SaveFailure } from './save-outcome.ts';

export type SaveResult = { ok: true; record: RecordData; created: boolean } | ({ ok: false } & SaveFailure);

export function useSaveRecord(object: string) {
  const [saving, setSaving] = useState(false);
  const save = async (base: RecordData | undefined, payload: Record<string, unknown>): Promise<SaveResult> => {
    setSaving(true);
    try {
      const record = base ? await updateRecord(object, base.id, payload, base.version) : await createRecord(object, payload);
      return { ok: true, record, created: !base };
    } catch (error) {
      return { ok: false, ...saveFailure(error) };
    } finally {
      setSaving(false);
    }
  };
  return { save, saving };
}

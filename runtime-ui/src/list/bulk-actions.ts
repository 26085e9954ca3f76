/** The list's bulk actions: delete the selected records one by one, export the current list as xlsx. */
import { apiBlob, ApiError, withQuery } from '../api/client.ts';
import { deleteRecord, listParams, type ListParams } from '../api/records.ts';
import { saveBlob } from '../lib/download.ts';

export interface DeleteFailure {
  id: string;
  title: string;
  message: string;
}

/** Deletes each record in turn, reporting progress; answers those that failed, with the API's words. */
export async function deleteEach(
  object: string,
  records: { id: string; title: string }[],
  onProgress: (done: number) => void,
): Promise<DeleteFailure[]> {
  const failures: DeleteFailure[] = [];
  for (const [i, record] of records.entries()) {
    try {
      await deleteRecord(object, record.id);
    } catch (error) {
      failures.push({ ...record, message: error instanceof ApiError ? error.message : String(error) });
    }
    onProgress(i + 1);
  }
  return failures;
}

/** Downloads the list as the engine exports it: the same filter, sort and columns, every page. */
export async function exportXlsx(object: string, params: ListParams, fileLabel: string): Promise<void> {
  const { filter, sort, fields } = listParams(params);
  const blob = await apiBlob(withQuery(`/api/records/${encodeURIComponent(object)}/export.xlsx`, { filter, sort, fields }));
  const stamp = new Date().toISOString().slice(0, 10);
  saveBlob(blob, `${fileLabel}-${stamp}.xlsx`);
}

import type { RecordsApi } from '../plugin-api.ts';
import type { WriteContext } from '../records/audit.ts';
import type { RecordService } from '../records/record-service.ts';

/** The records a plugin's action or route may touch, as the acting user of the request. */
export function recordsApi(records: RecordService, ctx: WriteContext): RecordsApi {
  return {
    get: (object, id) => records.get(object, id, {}, ctx),
    create: (object, values) => records.create(object, values, ctx),
    update: (object, id, values) => records.update(object, id, values, undefined, ctx),
  };
}

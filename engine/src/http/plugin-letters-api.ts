import type { LettersApi } from '../plugin-api.ts';
import { revokeLettersOfRecord, type LetterDeps } from '../letters/letter-service.ts';
import type { WriteContext } from '../security/principal.ts';

/** The letters a plugin's action or route may revoke: those of records the acting user can read. */
export function lettersApi(deps: Pick<LetterDeps, 'knex' | 'records'>, ctx: WriteContext): LettersApi {
  return {
    revokeAll: async (object, recordId, reason) => {
      await deps.records.get(object, recordId, {}, ctx);
      return revokeLettersOfRecord(deps.knex, { object, recordId }, { reason, by: ctx.actor });
    },
  };
}

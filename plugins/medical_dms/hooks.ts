/** Hooks of the medical-device pack: the check digits and region levels its rules use, hospital name normalisation, the authorizations' conflict check, licence guard and who-may-sell, and the dealer lifecycle's checks. */
import { definePlugin } from '../../engine/src/plugin-api.ts';
import { checkConflicts, revokeGrant } from './authorizations/authorization.actions.ts';
import { guardGrant, whoMaySellRoute } from './authorizations/dealer-authorization.hooks.ts';
import { refuseMoveWithoutLicence, terminationCheck } from './dealers/dealer-lifecycle.hooks.ts';
import { isValidGtin } from './lib/gs1.ts';
import { normalizeHospitalName } from './lib/hospital-name.ts';
import { regionLevel } from './lib/regions.ts';
import { isValidCreditCode } from './lib/uscc.ts';

const blank = (value: unknown): boolean => value === null || value === undefined || value === '';

export default definePlugin({
  // A blank value passes: whether one is needed is the field's `required` flag's business.
  operators: {
    gs1_valid: (code) => blank(code) || (typeof code === 'string' && isValidGtin(code)),
    credit_code_valid: (code) => blank(code) || (typeof code === 'string' && isValidCreditCode(code)),
    region_level: (code) => (typeof code === 'string' ? regionLevel(code) ?? null : null),
  },

  beforeWrite: {
    hospital: (event) => {
      if ('name' in event.values && typeof event.values.name === 'string') {
        event.values.name_normalized = normalizeHospitalName(event.values.name);
      }
    },
    dealer_authorization: guardGrant,
    dealer: refuseMoveWithoutLicence,
  },

  actions: {
    dealer_authorization: { check_conflicts: checkConflicts, revoke: revokeGrant },
    dealer: { termination_check: terminationCheck },
  },
  routes: [whoMaySellRoute],
});

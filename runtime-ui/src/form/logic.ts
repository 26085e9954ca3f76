/** The platform's JsonLogic (the same evaluator as the server), guarded: an expression that can't run here holds no opinion. */
import { evaluateLogic, isTruthy } from '../../../metadata/src/jsonlogic.ts';

export function holds(expression: unknown, values: Record<string, unknown>, otherwise: boolean): boolean {
  if (expression === undefined || expression === null) return otherwise;
  try {
    return isTruthy(evaluateLogic(expression, values));
  } catch {
    return otherwise;
  }
}

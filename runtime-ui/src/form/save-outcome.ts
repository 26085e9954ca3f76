/** What a refused save means for the form, read from the error's code (never its text). */
import { ApiError } from '../api/client.ts';
import type { FieldProblem } from './problems.ts';

export type SaveFailure =
  | { kind: 'invalid'; problems: FieldProblem[]; message: string }
  | { kind: 'conflict' }
  | { kind: 'locked'; message: string }
  | { kind: 'failed'; message: string };

export function saveFailure(error: unknown): SaveFailure {
  if (!(error instanceof ApiError)) return { kind: 'failed', message: (error as Error)?.message ?? String(error) };
  if (error.status === 409 && error.code === 'RECORD_LOCKED') return { kind: 'locked', message: error.message };
  if (error.status === 409 && error.code === 'VERSION_CONFLICT') return { kind: 'conflict' };
  if (error.status === 422 && error.errors.length) return { kind: 'invalid', problems: error.errors, message: error.message };
  return { kind: 'failed', message: error.message };
}

/** What a refused request says to a person: the problem's detail (or title), then each field's message. */
import { ApiError } from './client.ts';

export function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return (error as Error).message;
  return [error.message, ...error.errors.map((e) => e.message)].join(' ');
}

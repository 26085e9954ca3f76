import { ApiError } from '../api/client.ts';

/** A record or object that doesn't exist and one the user may not see answer alike. */
export const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

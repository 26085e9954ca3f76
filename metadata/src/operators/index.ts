/** The platform's own JsonLogic operators, registered by jsonlogic.ts with the owner 'engine'. */
import { dateAdd, dateDiff, now, startOf, today } from './dates.ts';
import { changed, prior } from './prior.ts';
import { matches } from './regex.ts';
import { regionIn } from './region.ts';
import { contains, isBlank, length, lower, trim, upper } from './strings.ts';

export const STANDARD_LIBRARY: Record<string, (...args: any[]) => unknown> = {
  today,
  now,
  date_add: dateAdd,
  date_diff: dateDiff,
  start_of: startOf,
  length,
  trim,
  upper,
  lower,
  contains,
  is_blank: isBlank,
  matches,
  region_in: regionIn,
  prior,
  changed,
};

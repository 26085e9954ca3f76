/** The values being edited, which top-level fields the user touched, and the record they started from. */
import { useCallback, useState } from 'react';
import type { RecordData } from '../api/records.ts';

export function useFormValues(record: RecordData | undefined, prefill: Record<string, unknown> | undefined) {
  const [base, setBase] = useState<RecordData | undefined>(record);
  const [values, setValues] = useState<Record<string, unknown>>(() => ({ ...(record ?? prefill ?? {}) }));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());

  const change = useCallback((next: Record<string, unknown>) => {
    setValues((previous) => {
      const names = new Set([...Object.keys(previous), ...Object.keys(next)]);
      const changed = [...names].filter((name) => JSON.stringify(previous[name]) !== JSON.stringify(next[name]));
      if (changed.length) setTouched((seen) => new Set([...seen, ...changed]));
      return next;
    });
  }, []);

  /** Starts over from `latest` (a reload), or from `latest` with some of my values on top (a resolved conflict). */
  const rebase = useCallback((latest: RecordData, mine: Record<string, unknown> = {}) => {
    setBase(latest);
    setValues({ ...latest, ...mine });
    setTouched(new Set(Object.keys(mine)));
  }, []);

  return { base, values, touched, change, rebase };
}

/**
 * The engine's checks while the graph is drawn: the draft deployed as a dry run a moment after the last change, its
 * refusal's problems kept for the canvas (an answer to an older draft is dropped).
 */
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../runtime-ui/src/api/client.ts';
import type { UiProblem } from '../../../metadata/src/ui-contract.ts';
import { putDocument, type Draft } from '../api/meta.ts';

export interface DryRun {
  checking: boolean;
  errors: UiProblem[];
}

const DELAY_MS = 600;

/** The errors of a refusal; a refusal that names no place is one problem of the whole workflow. */
export function refusalErrors(error: unknown): UiProblem[] {
  if (error instanceof ApiError && error.errors.length) return error.errors;
  return [{ field: '', rule: 'refused', message: error instanceof Error ? error.message : String(error) }];
}

export function useDryRun(draft: Draft<'workflow'>): DryRun {
  const [state, setState] = useState<DryRun>({ checking: true, errors: [] });
  const latest = useRef(0);
  const text = JSON.stringify(draft);
  useEffect(() => {
    const run = ++latest.current;
    setState((previous) => ({ ...previous, checking: true }));
    const timer = setTimeout(() => {
      putDocument('workflow', JSON.parse(text) as Draft<'workflow'>, true)
        .then(() => [] as UiProblem[], refusalErrors)
        .then((errors) => { if (run === latest.current) setState({ checking: false, errors }); });
    }, DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);
  return state;
}

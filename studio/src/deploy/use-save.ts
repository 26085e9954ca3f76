/**
 * A save from a form: the deploy (dry run, plan, confirm) with the engine's refusal kept for the form —
 * above it, and on the form items its errors name.
 */
import { useState } from 'react';
import type { FormInstance } from 'antd';
import { ApiError } from '../../../runtime-ui/src/api/client.ts';
import { formPath, markFormErrors, problemsOf, type Problems } from './problems.ts';

/** `fields` are the form's items; an error inside one of `whole` (a list, a condition) goes on the whole item. */
export function useSave(form: FormInstance, fields: readonly string[], whole: readonly string[] = []) {
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Problems | null>(null);
  const save = async (deployed: () => Promise<boolean>): Promise<boolean> => {
    setBusy(true);
    setProblems(null);
    try {
      return await deployed();
    } catch (error) {
      setProblems(problemsOf(error));
      markFormErrors(form, error, fields);
      markWholeItems(form, error, whole);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { save, busy, problems };
}

function markWholeItems(form: FormInstance, error: unknown, whole: readonly string[]): void {
  if (!(error instanceof ApiError)) return;
  for (const name of whole) {
    const errors = error.errors.filter((e) => formPath(e.field)[0] === name).map((e) => e.message);
    if (errors.length) form.setFields([{ name, errors }]);
  }
}

/**
 * Problems as the user types, settled 300 ms after the last keystroke: the JSON Schema, the rules the browser can
 * evaluate, and the server's own check (plugin operators, lookup paths) for what only it knows.
 */
import type { RJSFSchema } from '@rjsf/utils';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiObject } from '../../../metadata/src/ui-contract.ts';
import { currentLanguage } from '../i18n/index.ts';
import type { FieldProblem } from './problems.ts';
import { ruleProblems } from './rule-problems.ts';
import { schemaProblems } from './schema-problems.ts';
import { validateOnServer } from './server-validate.ts';

const SETTLE_MS = 300;

interface Input {
  ui: UiObject;
  schema: RJSFSchema;
  values: Record<string, unknown>;
  /** What the server would be sent: all filled values for a create, the changes for an update. */
  payload: Record<string, unknown>;
  id?: string;
}

export function useLiveValidation({ ui, schema, values, payload, id }: Input) {
  const { t } = useTranslation('form');
  const [local, setLocal] = useState<FieldProblem[]>([]);
  const [server, setServer] = useState<FieldProblem[]>([]);
  const localNow = useCallback(
    () => [...schemaProblems(schema, values, t), ...ruleProblems(ui.rules, values, currentLanguage())],
    [schema, values, ui.rules, t],
  );
  const latest = useRef({ localNow, payload });
  latest.current = { localNow, payload };

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLocal(latest.current.localNow());
      validateOnServer(ui.name, latest.current.payload, id, controller.signal)
        .then(setServer)
        .catch(() => undefined); // the server check only adds to what the write itself answers
    }, SETTLE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [values, schema, ui.name, id]);

  /** The browser's problems now, without waiting for the debounce (before a save). */
  const checkNow = useCallback(() => {
    const found = localNow();
    setLocal(found);
    return found;
  }, [localNow]);

  return { problems: [...local, ...server], checkNow, setServerProblems: setServer };
}

/**
 * The object's plugin actions offered for this record, as buttons: each asks its input (or its confirmation) first,
 * runs on the server, and shows the answer's message, or its list in a modal.
 */
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiAction, UiObject } from '../../../metadata/src/ui-contract.ts';
import { ApiError } from '../api/client.ts';
import { errorText } from '../api/error-text.ts';
import type { RecordData } from '../api/records.ts';
import { holds } from '../form/logic.ts';
import type { FieldProblem } from '../form/problems.ts';
import { pick } from '../i18n/index.ts';
import { ActionAnswerModal } from './ActionAnswerModal.tsx';
import { ActionInputModal } from './ActionInputModal.tsx';
import { shownAnswer, type ShownAnswer } from './action-message.ts';
import { runAction } from './record-api.ts';

type WithInput = UiAction & { input: NonNullable<UiAction['input']> };

export function PluginActions({ ui, record, onDone }: { ui: UiObject; record: RecordData; onDone: () => Promise<void> }) {
  const { t } = useTranslation('record');
  const { message, modal } = App.useApp();
  const [running, setRunning] = useState<string | null>(null);
  const [asking, setAsking] = useState<WithInput | null>(null);
  const [serverProblems, setServerProblems] = useState<FieldProblem[]>([]);
  const [answer, setAnswer] = useState<{ title: string; answer: ShownAnswer } | null>(null);

  const run = async (action: UiAction, input?: Record<string, unknown>) => {
    setRunning(action.name);
    try {
      const shown = shownAnswer(await runAction(ui.name, record.id, action.name, input));
      setAsking(null);
      if (shown.items.length) setAnswer({ title: pick(action.label), answer: shown });
      else void message.success(shown.message ?? t('actionDone'));
      await onDone();
    } catch (error) {
      if (asking && error instanceof ApiError && error.errors.length) setServerProblems(error.errors);
      void message.error(errorText(error));
    } finally {
      setRunning(null);
    }
  };

  const start = (action: UiAction) => {
    setServerProblems([]);
    if (action.input) return setAsking(action as WithInput);
    if (!action.confirm) return void run(action);
    modal.confirm({ title: pick(action.label), content: pick(action.confirm), okText: pick(action.label), okButtonProps: { danger: true }, onOk: () => run(action) });
  };

  return (
    <>
      {ui.actions.filter((action) => holds(action.when, record, true)).map((action) => (
        <Button key={action.name} data-testid={`action-${action.name}`} loading={running === action.name} onClick={() => start(action)}>
          {pick(action.label)}
        </Button>
      ))}
      {asking && (
        <ActionInputModal
          ui={ui}
          action={asking}
          running={running === asking.name}
          serverProblems={serverProblems}
          onRun={(input) => void run(asking, input)}
          onClose={() => setAsking(null)}
        />
      )}
      {answer && <ActionAnswerModal title={answer.title} answer={answer.answer} onClose={() => setAnswer(null)} />}
    </>
  );
}

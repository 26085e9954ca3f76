/** The object's plugin actions as buttons; each runs on the server and its answer's message is shown. */
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiObject } from '../../../metadata/src/ui-contract.ts';
import type { RecordData } from '../api/records.ts';
import { pick } from '../i18n/index.ts';
import { actionMessage } from './action-message.ts';
import { runAction } from './record-api.ts';

export function PluginActions({ ui, record, onDone }: { ui: UiObject; record: RecordData; onDone: () => Promise<void> }) {
  const { t } = useTranslation('record');
  const { message } = App.useApp();
  const [running, setRunning] = useState<string | null>(null);
  const run = async (action: string) => {
    setRunning(action);
    try {
      const result = await runAction(ui.name, record.id, action);
      void message.success(actionMessage(result) ?? t('actionDone'));
      await onDone();
    } catch (error) {
      void message.error((error as Error).message);
    } finally {
      setRunning(null);
    }
  };
  return (
    <>
      {ui.actions.map((action) => (
        <Button key={action.name} data-testid={`action-${action.name}`} loading={running === action.name} onClick={() => void run(action.name)}>
          {pick(action.label)}
        </Button>
      ))}
    </>
  );
}

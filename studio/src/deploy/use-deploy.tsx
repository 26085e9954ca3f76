/**
 * Every studio save: a dry run first (a refusal throws, for the form to show), then the plan in a modal, and the real
 * deploy only when the admin confirms. `deploy` takes a document to PUT (an object unless it names its kind), or any
 * change that can be dry-run (a roll back), and answers whether it was deployed.
 */
import { useState } from 'react';
import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { putDocument, type DeployAnswer, type Draft, type PlanStep } from '../api/meta.ts';
import { PlanModal } from './PlanModal.tsx';

type Change = (dryRun: boolean) => Promise<DeployAnswer>;

interface Pending {
  change: Change;
  steps: PlanStep[];
  resolve: (deployed: boolean) => void;
  reject: (error: unknown) => void;
}

export function useDeploy() {
  const { t } = useTranslation('deploy');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);

  const deploy = async (what: Draft | Change): Promise<boolean> => {
    const change: Change = typeof what === 'function' ? what : (dryRun) => putDocument(what.kind ?? 'object', what, dryRun);
    const plan = await change(true);
    if (!plan.steps.length) {
      void message.info(t('nothingToChange'));
      return false;
    }
    return new Promise<boolean>((resolve, reject) => setPending({ change, steps: plan.steps, resolve, reject }));
  };

  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      await pending.change(false);
      // The pages reload what they show in the background: the plan closes as soon as the deploy is done.
      void queryClient.invalidateQueries({ queryKey: ['meta'] });
      void message.success(t('deployed'));
      pending.resolve(true);
    } catch (error) {
      pending.reject(error);
    } finally {
      setBusy(false);
      setPending(null);
    }
  };

  const cancel = () => {
    pending?.resolve(false);
    setPending(null);
  };

  const modal = <PlanModal steps={pending?.steps ?? null} busy={busy} onConfirm={() => void confirm()} onCancel={cancel} />;
  return { deploy, modal };
}

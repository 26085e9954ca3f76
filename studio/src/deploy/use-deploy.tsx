/**
 * Every studio save: a dry run first (a refusal throws, for the form to show), then the plan in a modal, and the real
 * deploy only when the admin confirms. `deploy` answers whether it was deployed.
 */
import { useState } from 'react';
import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ObjectDoc } from '../../../metadata/src/types.ts';
import { putObject, type PlanStep } from '../api/meta.ts';
import { PlanModal } from './PlanModal.tsx';

type Doc = Partial<ObjectDoc> & { name: string };

interface Pending {
  doc: Doc;
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

  const deploy = async (doc: Doc): Promise<boolean> => {
    const plan = await putObject(doc, true);
    if (!plan.steps.length) {
      void message.info(t('nothingToChange'));
      return false;
    }
    return new Promise<boolean>((resolve, reject) => setPending({ doc, steps: plan.steps, resolve, reject }));
  };

  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      await putObject(pending.doc, false);
      await queryClient.invalidateQueries({ queryKey: ['meta'] });
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

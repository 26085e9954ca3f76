/**
 * A plugin install, upgrade or uninstall as the studio runs it: the dry run's plan through the deploy modal, the real
 * change under a fresh work id (its progress polled), and a refusal kept to show: conflicts with customizations by
 * place and value, any other problem as its message.
 */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { newWorkId } from '../../../runtime-ui/src/work/useWork.ts';
import { useDeploy } from '../deploy/use-deploy.tsx';
import { problemsOf, type Problems } from '../deploy/problems.ts';
import { conflictsOf, type Conflict } from './conflicts.ts';
import type { PluginAnswer } from './plugins-api.ts';

export type PluginChange = (dryRun: boolean, workId?: string) => Promise<PluginAnswer>;

export interface Refusal {
  /** What was tried, e.g. "upgrade medical_dms". */
  title: string;
  conflicts: Conflict[] | null;
  problems: Problems;
}

export const pluginsKey = ['plugins'] as const;

export function usePluginChange() {
  const { deploy, modal } = useDeploy();
  const queryClient = useQueryClient();
  const [workId, setWorkId] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const run = async (title: string, change: PluginChange): Promise<boolean> => {
    setRefusal(null);
    try {
      const done = await deploy((dryRun) => {
        if (dryRun) return change(true);
        const id = newWorkId();
        setWorkId(id);
        return change(false, id);
      });
      if (done) await queryClient.invalidateQueries({ queryKey: pluginsKey });
      return done;
    } catch (error) {
      setRefusal({ title, conflicts: conflictsOf(error), problems: problemsOf(error) });
      return false;
    }
  };

  return { run, modal, workId, refusal, dismiss: () => setRefusal(null) };
}

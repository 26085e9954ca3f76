/** What only the server knows (plugin operators, lookup paths, uniqueness): the problems the write would answer now. */
import { api } from '../api/client.ts';
import type { UiProblem } from '../../../metadata/src/ui-contract.ts';

export async function validateOnServer(object: string, values: Record<string, unknown>, id: string | undefined, signal: AbortSignal): Promise<UiProblem[]> {
  const answer = await api<{ problems: UiProblem[] }>(`/api/records/${encodeURIComponent(object)}/validate`, {
    method: 'POST',
    body: id ? { values, id } : { values },
    signal,
  });
  return answer.problems ?? [];
}

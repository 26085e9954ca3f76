/**
 * Loop detection. A write made by an automation's actions carries the chain of automations that led to it
 * (WriteContext.cause, kept with the audit entry and handed back on the event), so an automation that sets off
 * itself, directly or through others, is stopped once the chain reaches MAX_AUTOMATION_DEPTH.
 */
import type { Label } from '../../../metadata/src/types.ts';
import type { WriteCause } from '../security/principal.ts';

export const MAX_AUTOMATION_DEPTH = 8;

/** The automations whose writes led to an event (outermost first); empty for a person's write. */
export function chainOf(cause: WriteCause | undefined): string[] {
  return cause?.automations ?? [];
}

export function isTooDeep(chain: readonly string[]): boolean {
  return chain.length >= MAX_AUTOMATION_DEPTH;
}

/** The cause the writes of `automation`'s actions carry. */
export function causeOf(chain: readonly string[], automation: string): WriteCause {
  return { automations: [...chain, automation] };
}

/** Why `automation` did not run on an event that came down `chain`. */
export function tooDeepError(chain: readonly string[], automation: string): Label {
  const path = [...chain, automation].join(' → ');
  return {
    'zh-CN': `自动化连锁触发超过 ${MAX_AUTOMATION_DEPTH} 层，已停止（可能是循环）：${path}`,
    en: `stopped: automations set each other off more than ${MAX_AUTOMATION_DEPTH} deep (a loop?): ${path}`,
  };
}

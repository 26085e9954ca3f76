/** The plugin actions of an object as the record page offers them: label, input form, confirmation, condition. */
import { buildFormSchema } from '../../../metadata/src/form-schema.ts';
import type { Locale } from '../../../metadata/src/types.ts';
import type { UiAction } from '../../../metadata/src/ui-contract.ts';
import type { HostedAction } from '../plugins/plugin-host.ts';
import type { Registry } from '../registry.ts';
import { uiField } from './ui-fields.ts';

/** What the user may run: those needing the update right only for holders of it on the object, internal ones only for internal users. */
export function uiActions(actions: readonly HostedAction[], registry: Registry, user: { canUpdate: boolean; internal: boolean }, locale: Locale): UiAction[] {
  const mayRun = (a: HostedAction) => (a.requires !== 'update' || user.canUpdate) && (!a.internalOnly || user.internal);
  return actions.filter(mayRun).map((action) => {
    const fields = action.input?.map((def) => uiField(def, registry, false));
    return {
      name: action.name,
      label: action.label,
      ...(fields ? { input: { fields, ...buildFormSchema(fields, [], locale) } } : {}),
      ...(action.confirm ? { confirm: action.confirm } : {}),
      ...(action.when !== undefined ? { when: action.when } : {}),
    };
  });
}

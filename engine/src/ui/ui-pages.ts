/**
 * The plugin pages a user finds in the menu (UiApp.pages): those meant for their kind of user, each lookup input
 * with its target's title field and each picklist column with its field's options, read from the registry.
 */
import { liveField } from '../../../metadata/src/var-scope.ts';
import type { PageColumn, PageInput, UiPage } from '../../../metadata/src/ui-contract.ts';
import type { PluginPage } from '../plugin-api.ts';
import type { Registry } from '../registry.ts';
import type { Principal } from '../security/principal.ts';
import { titleFieldOf } from './object-title.ts';

export interface DeclaredPage {
  plugin: string;
  path: string;
  page: PluginPage;
}

export function uiPages(declared: readonly DeclaredPage[], registry: Registry, principal: Principal): UiPage[] {
  return declared
    .filter(({ page }) => principal.kind === 'internal' || page.audience === 'everyone')
    .map(({ plugin, path, page }) => ({
      plugin,
      path,
      label: page.label,
      inputs: page.inputs.map((input) => withTitleField(input, registry)),
      columns: page.columns.map((column) => withOptions(column, registry)),
      ...(page.empty ? { empty: page.empty } : {}),
    }));
}

function withTitleField(input: PageInput, registry: Registry): PageInput {
  const target = input.target === undefined ? undefined : registry.object(input.target);
  return target ? { ...input, targetTitleField: titleFieldOf(target.doc) } : input;
}

function withOptions(column: PageColumn, registry: Registry): PageColumn {
  if (!column.optionsOf) return column;
  const [object, field] = column.optionsOf.split('.');
  const doc = registry.object(object)?.doc;
  const options = doc && liveField(doc, field)?.options;
  return options ? { ...column, options } : column;
}

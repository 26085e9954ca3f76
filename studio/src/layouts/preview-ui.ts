/**
 * The object as runtime-ui would show it once the draft layout is deployed: the deployed UiObject with its sections,
 * list views and form schema derived again from the object's layouts, the draft in place of its deployed version.
 */
import { buildFormSchema } from '../../../metadata/src/form-schema.ts';
import { isSystemField } from '../../../metadata/src/names.ts';
import type { LayoutDoc, Locale } from '../../../metadata/src/types.ts';
import type { UiListView, UiObject } from '../../../metadata/src/ui-contract.ts';
import { uiListViews, uiSections } from '../../../metadata/src/ui-layout.ts';

export function previewUi(ui: UiObject, layouts: readonly LayoutDoc[], draft: LayoutDoc, locale: Locale): UiObject {
  const mine = withDraft(layouts.filter((l) => l.object === ui.name), draft);
  const readable = new Set(ui.fields.map((f) => f.name));
  const sections = uiSections(mine, ui.fields);
  return {
    ...ui,
    sections,
    listViews: uiListViews(mine, ui.fields, (name) => readable.has(name) || isSystemField(name)),
    ...buildFormSchema(ui.fields, sections, locale),
  };
}

/** The draft's list view as the preview's UiObject names it (`<layout>.<view>`). */
export function previewView(ui: UiObject, layout: string, view: string): UiListView | undefined {
  return ui.listViews.find((v) => v.name === `${layout}.${view}`);
}

function withDraft(layouts: LayoutDoc[], draft: LayoutDoc): LayoutDoc[] {
  const at = layouts.findIndex((l) => l.name === draft.name);
  return at < 0 ? [...layouts, draft] : layouts.map((l, i) => (i === at ? draft : l));
}

/** `GET /api/ui/objects/:object`: everything a list, a record page and a form of one object need, for one principal. */
import { buildFormSchema } from '../../../metadata/src/form-schema.ts';
import type { Locale, TemplateDoc, WorkflowDoc } from '../../../metadata/src/types.ts';
import type { UiObject, UiRelatedList } from '../../../metadata/src/ui-contract.ts';
import type { PluginHost } from '../plugins/plugin-host.ts';
import type { ObjectRuntime, Registry } from '../registry.ts';
import type { RecordScope } from '../security/record-scope.ts';
import { titleFieldOf } from './object-title.ts';
import { uiActions } from './ui-actions.ts';
import { uiFields } from './ui-fields.ts';
import { uiListViews, uiSections } from '../../../metadata/src/ui-layout.ts';
import { uiRules } from './ui-rules.ts';

export interface UiObjectDeps {
  registry: Registry;
  host: PluginHost;
}

const RELATED_COLUMNS = 5;

/** The object as `scope` may see it; an unknown object and one it may not read are both OBJECT_NOT_FOUND. */
export function uiObjectOrThrow(deps: UiObjectDeps, scope: RecordScope, name: string, locale: Locale): UiObject {
  const object = scope.objectOf(name);
  if (!object) throw deps.registry.unknownObject(name);
  const canRead = (field: string) => scope.canRead(object, field);
  const layouts = deps.registry.layoutList().filter((l) => l.object === object.name);
  const fields = uiFields(scope, object, deps.registry);
  const sections = uiSections(layouts, fields);
  const title = titleFieldOf(object.doc);
  return {
    name: object.name,
    label: object.doc.label,
    titleField: title !== null && canRead(title) ? title : null,
    rights: { create: scope.can(object, 'create'), read: true, update: scope.can(object, 'update'), delete: scope.can(object, 'delete') },
    fields,
    sections,
    listViews: uiListViews(layouts, fields, canRead),
    related: relatedLists(deps.registry, scope, object),
    actions: uiActions(deps.host.actions(object.name), deps.registry, { canUpdate: scope.can(object, 'update'), internal: scope.principal.kind === 'internal' }, locale),
    rules: uiRules(object.rules, canRead),
    ...buildFormSchema(fields, sections, locale),
    workflows: submitWorkflows(deps.registry, object.name, scope.principal.kind === 'internal'),
    letters: { templates: letterTemplates(deps.registry, object.name), canIssue: !scope.profile.portal },
  };
}

/** Objects the principal may read with a readable lookup to this one: each such lookup is a related list. */
function relatedLists(registry: Registry, scope: RecordScope, master: ObjectRuntime): UiRelatedList[] {
  return registry.objectList().filter((o) => scope.can(o, 'read')).flatMap((detail) =>
    detail.fieldList
      .filter((f) => (f.type === 'lookup' || f.type === 'master_detail') && f.target === master.name && scope.canRead(detail, f.name))
      .map((via) => ({ object: detail.name, label: detail.doc.label, via: via.name, columns: relatedColumns(scope, detail, via.name) })),
  );
}

function relatedColumns(scope: RecordScope, detail: ObjectRuntime, via: string): string[] {
  const title = titleFieldOf(detail.doc);
  const readable = detail.fieldList.map((f) => f.name).filter((name) => name !== via && scope.canRead(detail, name));
  const ordered = title !== null && readable.includes(title) ? [title, ...readable.filter((n) => n !== title)] : readable;
  return ordered.slice(0, RELATED_COLUMNS);
}

function letterTemplates(registry: Registry, object: string): UiObject['letters']['templates'] {
  return (registry.documents('template') as TemplateDoc[])
    .filter((t) => t.object === object && t.channels?.includes('letter'))
    .map((t) => ({ name: t.name, label: t.label }));
}

function submitWorkflows(registry: Registry, object: string, internal: boolean): UiObject['workflows'] {
  return (registry.documents('workflow') as WorkflowDoc[])
    .filter((w) => w.object === object && w.trigger?.on === 'submit' && w.active !== false && (internal || !w.trigger.internalOnly))
    .map((w) => ({ name: w.name, label: w.label, when: w.trigger.when, comment: w.trigger.comment }));
}

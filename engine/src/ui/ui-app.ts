/** `GET /api/ui/app`: who the user is, what the navigation offers them (objects, plugin pages), the badges and (portal) the home lists. */
import type { LayoutDoc } from '../../../metadata/src/types.ts';
import type { UiApp, UiHomeList, UiNavItem, UiPage } from '../../../metadata/src/ui-contract.ts';
import type { ObjectRuntime, Registry } from '../registry.ts';
import type { Authentication } from '../security/authenticate.ts';
import { ADMIN_RIGHTS } from '../security/principal.ts';
import type { RecordScope } from '../security/record-scope.ts';

/** A plugin and the documents of its base layer, in install order. */
export interface PluginDocuments {
  name: string;
  documents: { kind: string; name: string }[];
}

export interface UiAppInput {
  auth: Authentication;
  scope: RecordScope;
  registry: Registry;
  plugins: readonly PluginDocuments[];
  counts: UiApp['counts'];
  pages: UiPage[];
}

export function buildUiApp({ auth, scope, registry, plugins, counts, pages }: UiAppInput): UiApp {
  const { principal } = auth;
  const readable = registry.objectList().filter((o) => scope.can(o, 'read'));
  return {
    user: { id: principal.userId, username: principal.username, displayName: auth.displayName ?? null, kind: principal.kind, role: principal.role },
    rights: ADMIN_RIGHTS.filter((right) => registry.access.hasRight(principal, right)),
    navigation: navigation(readable, plugins, scope),
    counts,
    portalHome: principal.kind === 'portal' ? portalHome(readable, registry.layoutList()) : [],
    pages,
  };
}

/** Plugin objects in their plugins' install order and their documents' order, then custom objects by name. */
function navigation(objects: readonly ObjectRuntime[], plugins: readonly PluginDocuments[], scope: RecordScope): UiNavItem[] {
  const owner = new Map<string, { plugin: string; rank: number }>();
  let rank = 0;
  for (const plugin of plugins) {
    for (const doc of plugin.documents) if (doc.kind === 'object' && !owner.has(doc.name)) owner.set(doc.name, { plugin: plugin.name, rank: rank++ });
  }
  const rankOf = (o: ObjectRuntime) => owner.get(o.name)?.rank ?? Number.MAX_SAFE_INTEGER;
  return [...objects]
    .sort((a, b) => rankOf(a) - rankOf(b) || a.name.localeCompare(b.name))
    .map((o) => ({ object: o.name, label: o.doc.label, plugin: owner.get(o.name)?.plugin ?? null, canCreate: scope.can(o, 'create') }));
}

const PORTAL_VIEW = /(^|_)(portal|my)(_|$)/;

/** Per readable object with list views: its views named for the portal (`portal`, `my`), else its first view. */
function portalHome(objects: readonly ObjectRuntime[], layouts: readonly LayoutDoc[]): UiHomeList[] {
  return objects.flatMap((object) => {
    const views = layouts.filter((l) => l.object === object.name)
      .flatMap((l) => (l.listViews ?? []).map((view) => ({ object: object.name, view: `${l.name}.${view.name}`, label: view.label, named: view.name })));
    const portal = views.filter((v) => PORTAL_VIEW.test(v.named));
    return (portal.length ? portal : views.slice(0, 1)).map(({ named: _, ...home }) => home);
  });
}

import { describe, expect, it } from 'vitest';
import type { LayoutDoc } from '../../../metadata/src/types.ts';
import { mergeLayers } from '../../../metadata/src/merge-layers.ts';
import { keptFromPlugin, toCustomDoc, toModel } from './layout-model.ts';
import { addSection, moveColumn, moveField } from './moves.ts';

const label = (en: string) => ({ 'zh-CN': en, en });

const BASE: LayoutDoc = {
  kind: 'layout', name: 'dealer_layout', object: 'dealer', label: label('Dealer layout'),
  sections: [
    { name: 'identity', label: label('Identity'), columns: 2, fields: ['name', 'tier'] },
    { name: 'location', label: label('Location'), fields: ['region', 'address'] },
  ],
  listViews: [{ name: 'active', label: label('Active'), filter: { '==': [{ var: 'status' }, 'active'] }, columns: ['name', 'tier'], sort: ['name'] }],
};

describe('a layout in the editor', () => {
  it('reads the effective layout, marking what the plugin ships', () => {
    const custom: Partial<LayoutDoc> = { sections: [{ name: 'extra', label: label('Extra'), fields: ['status'] }] };
    const model = toModel(mergeLayers(BASE, { ...custom, kind: 'layout', name: 'dealer_layout' } as LayoutDoc)!, BASE);
    expect(model.sections.map((s) => [s.name, s.columns, s.fromPlugin])).toEqual([['identity', 2, true], ['location', 1, true], ['extra', 1, false]]);
    expect(model.listViews[0]).toMatchObject({ name: 'active', sort: ['name'], fromPlugin: true });
  });

  it("saves over a plugin's layout only what changed, and the engine's merge gives back the edited layout", () => {
    let model = toModel(BASE, BASE);
    model = { ...model, sections: moveField(model.sections, 'region', 'identity', 1) };
    model = { ...model, sections: addSection(model.sections, label('Notes')) };
    model = { ...model, listViews: [moveColumn(model.listViews[0], 'region', 'box', 2)] };
    const draft = toCustomDoc(model, BASE);
    expect(draft).toEqual({
      kind: 'layout', name: 'dealer_layout',
      sections: [
        { name: 'identity', fields: ['name', 'region', 'tier'] },
        { name: 'location', fields: ['address'] },
        { name: 'section_1', label: label('Notes'), columns: 1, fields: [] },
      ],
      listViews: [{ name: 'active', columns: ['name', 'tier', 'region'] }],
    });
    expect(toModel(mergeLayers(BASE, draft as LayoutDoc)!, BASE)).toEqual(model);
  });

  it('saves a change to one column as the columns, and nothing for an untouched layout', () => {
    const model = toModel(BASE, BASE);
    expect(toCustomDoc(model, BASE)).toEqual({ kind: 'layout', name: 'dealer_layout' });
    const oneColumn = { ...model, sections: model.sections.map((s) => ({ ...s, columns: 1 as const })) };
    expect(toCustomDoc(oneColumn, BASE).sections).toEqual([{ name: 'identity', columns: 1 }]);
  });

  it("saves the admin's own layout whole", () => {
    const model = toModel(BASE, null);
    expect(toCustomDoc(model, null)).toEqual(BASE);
  });

  it("names a plugin view's filter or sort that was cleared, which the custom layer cannot take away", () => {
    const view = { ...toModel(BASE, BASE).listViews[0], filter: undefined, sort: [] };
    expect(keptFromPlugin(view, BASE)).toEqual(['filter', 'sort']);
    expect(keptFromPlugin(view, null)).toEqual([]);
  });
});

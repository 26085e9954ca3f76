import { describe, expect, it } from 'vitest';
import type { SectionModel } from './layout-model.ts';
import { containerId, dropOf, freeName, itemId, moveField, PALETTE, unplaced } from './moves.ts';

const section = (name: string, fields: string[]): SectionModel => ({ name, label: { 'zh-CN': name, en: name }, columns: 1, fields, fromPlugin: false });
const SECTIONS = [section('a', ['x', 'y', 'z']), section('b', ['w'])];

describe('layout moves', () => {
  it('moves a field down, up and across sections as a sortable drop places it', () => {
    const fields = (sections: SectionModel[]) => sections.map((s) => s.fields);
    expect(fields(moveField(SECTIONS, 'x', 'a', 2))).toEqual([['y', 'z', 'x'], ['w']]);
    expect(fields(moveField(SECTIONS, 'z', 'a', 0))).toEqual([['z', 'x', 'y'], ['w']]);
    expect(fields(moveField(SECTIONS, 'y', 'b', 0))).toEqual([['x', 'z'], ['y', 'w']]);
    expect(fields(moveField(SECTIONS, 'y', PALETTE, 0))).toEqual([['x', 'z'], ['w']]);
    expect(fields(moveField(SECTIONS, 'new', 'b', 9))).toEqual([['x', 'y', 'z'], ['w', 'new']]);
  });

  it('finds where a drop lands: on an item its place, on a container its end', () => {
    const containers = { a: ['x', 'y'], b: [], [PALETTE]: ['q'] };
    expect(dropOf(itemId('y'), containers)).toEqual({ container: 'a', index: 1 });
    expect(dropOf(containerId('b'), containers)).toEqual({ container: 'b', index: 0 });
    expect(dropOf(containerId(PALETTE), containers)).toEqual({ container: PALETTE, index: 1 });
    expect(dropOf(containerId('gone'), containers)).toBeNull();
    expect(dropOf(itemId('nowhere'), containers)).toBeNull();
  });

  it('lists the fields no section shows, and names new parts freely', () => {
    expect(unplaced(['w', 'x', 'v'], SECTIONS)).toEqual(['v']);
    expect(freeName('section', ['section_1', 'section_3'])).toBe('section_2');
  });
});

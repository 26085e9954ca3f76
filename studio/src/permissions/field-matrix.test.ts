import { describe, expect, it } from 'vitest';
import type { ObjectDoc } from '../../../metadata/src/types.ts';
import { fieldRows, objectLevel, storedLevels, withFieldLevel } from './field-matrix.ts';

const label = (en: string) => ({ 'zh-CN': en, en });
const product: ObjectDoc = {
  kind: 'object', name: 'product', label: label('Product'),
  fields: [
    { name: 'name', type: 'text', label: label('Name') },
    { name: 'code', type: 'text', label: label('Code') },
    { name: 'sku', type: 'autonumber', label: label('SKU'), format: 'P-{0000}' },
    { name: 'old', type: 'text', label: label('Old'), removed: true },
  ],
};

describe('the field matrix', () => {
  it("follows the object's rights for a field the set doesn't name", () => {
    expect(objectLevel(['read', 'update'])).toBe('edit');
    expect(objectLevel(['modifyAll'])).toBe('edit');
    expect(objectLevel(['create', 'read'])).toBe('read');
    expect(objectLevel(['viewAll'])).toBe('read');
    expect(objectLevel(['create'])).toBe('none');
  });

  it('lists the live fields with their level, marking the ones the set names and the computed ones (never editable)', () => {
    const rows = fieldRows(product, ['read', 'update'], { product: { code: 'read' } });
    expect(rows.map((r) => [r.name, r.level, r.overridden, r.computed])).toEqual([
      ['name', 'edit', false, false],
      ['code', 'read', true, false],
      ['sku', 'read', false, true],
    ]);
  });

  it('stores only the levels that differ from the object, for objects the set can read', () => {
    let levels = withFieldLevel({}, 'product', 'code', 'read');
    levels = withFieldLevel(levels, 'product', 'name', 'edit');
    levels = withFieldLevel(levels, 'dealer', 'name', 'read');
    expect(storedLevels(levels, { product: ['read', 'update'] })).toEqual({ product: { code: 'read' } });
    expect(storedLevels(levels, { product: ['read'] })).toEqual({ product: { name: 'edit' } });
    expect(storedLevels({ product: { code: 'edit' } }, { product: ['read', 'update'] })).toEqual({});
  });
});

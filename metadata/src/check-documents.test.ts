import { describe, expect, it } from 'vitest';
import { checkDocuments } from './check-documents.ts';
import { codesAndPaths, field, object } from './fixtures/builders.ts';
import { hospital3aBedsRule, hospitalObject } from './fixtures/contract-examples.ts';

describe('checkDocuments', () => {
  it('accepts the two contract examples together, in either order', () => {
    expect(checkDocuments([hospitalObject, hospital3aBedsRule])).toEqual([]);
    expect(checkDocuments([hospital3aBedsRule, hospitalObject])).toEqual([]);
  });

  it('lets objects refer to each other', () => {
    const dealer = object('dealer', [field('hospital', 'lookup', { target: 'hospital' })]);
    expect(checkDocuments([dealer, hospitalObject])).toEqual([]);
  });

  it('refuses a rule whose object is not in the set', () => {
    expect(codesAndPaths(checkDocuments([hospital3aBedsRule]))).toEqual([{ code: 'unknown_object', path: '/object' }]);
  });

  it('refuses the same kind and name twice', () => {
    const [p] = checkDocuments([hospitalObject, hospitalObject]);
    expect(p).toMatchObject({ code: 'duplicate_document', path: '/name', document: { kind: 'object', name: 'hospital' } });
  });
});

describe('checkDocuments over a deploy that replaces a document', () => {
  it('refuses removing a field a rule uses, naming both places in the rule', () => {
    const withoutBeds = { ...hospitalObject, fields: hospitalObject.fields.filter((f) => f.name !== 'beds') };
    expect(codesAndPaths(checkDocuments([withoutBeds, hospital3aBedsRule]))).toEqual([
      { code: 'unknown_field', path: '/field' },
      { code: 'unknown_field', path: '/errorWhen/and/1/</0/var' },
    ]);
  });
});

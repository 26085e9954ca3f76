import { describe, expect, it } from 'vitest';
import { checkDeployable, checkDocuments } from './check-documents.ts';
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

describe('checkDeployable', () => {
  it('deploys the contract examples on an empty store', () => {
    const { problems, documents } = checkDeployable([hospitalObject, hospital3aBedsRule], []);
    expect(problems).toEqual([]);
    expect(documents).toHaveLength(2);
  });

  it('checks a rule against the objects already deployed', () => {
    expect(checkDeployable([hospital3aBedsRule], [hospitalObject]).problems).toEqual([]);
  });

  it('replaces an existing document, so removing a field a rule uses is refused', () => {
    const withoutBeds = { ...hospitalObject, fields: hospitalObject.fields.filter((f) => f.name !== 'beds') };
    const { problems } = checkDeployable([withoutBeds], [hospitalObject, hospital3aBedsRule]);
    expect(codesAndPaths(problems)).toEqual([
      { code: 'unknown_field', path: '/field' },
      { code: 'unknown_field', path: '/errorWhen/and/1/</0/var' },
    ]);
  });

  it('stops at shape problems, pointing into the payload', () => {
    const { problems, documents } = checkDeployable([hospital3aBedsRule, { ...hospitalObject, fieldz: [] }], []);
    expect(codesAndPaths(problems)).toEqual([{ code: 'unknown_property', path: '/documents/1/fieldz' }]);
    expect(documents).toEqual([]);
  });
});

import fc from 'fast-check';

/** Random filters: the given conditions nested in and, or and !, to compare two ways of running them. */
export function filterTrees(atoms: unknown[]): fc.Arbitrary<unknown> {
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constantFrom(...atoms),
      fc.record({ and: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ or: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ '!': tie('tree') })),
  }));
  return tree;
}

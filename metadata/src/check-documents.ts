/** Checks a whole effective set of documents: shapes first, then what the documents say about each other. */
import { checkDocumentShape } from './check-shape.ts';
import { checkObject } from './check-object.ts';
import { checkValidationRule } from './check-validation-rule.ts';
import { inDocument, problem } from './problem.ts';
import type { MetadataDoc, ObjectDoc, Problem } from './types.ts';

/** Semantic problems of `docs`, which must already have the right shape. */
export function checkDocuments(docs: readonly MetadataDoc[]): Problem[] {
  const objects = new Map<string, ObjectDoc>();
  for (const doc of docs) if (doc.kind === 'object' && !objects.has(doc.name)) objects.set(doc.name, doc);
  return [
    ...checkDuplicates(docs),
    ...docs.flatMap((doc) => doc.kind === 'object' ? checkObject(doc, objects) : checkValidationRule(doc, objects)),
  ];
}

/**
 * Problems of deploying `docs` over `existing`: each new document replaces the existing one of the same kind
 * and name. Shape problems (paths prefixed with `/documents/<index>`) stop before the semantic checks,
 * whose results would be noise on a bad shape.
 */
export function checkDeployable(docs: readonly unknown[], existing: readonly MetadataDoc[]): { problems: Problem[]; documents: MetadataDoc[] } {
  const shape = docs.flatMap((doc, i) => checkDocumentShape(doc).map((p) => ({ ...p, path: `/documents/${i}${p.path}` })));
  if (shape.length > 0) return { problems: shape, documents: [] };
  const incoming = docs as MetadataDoc[];
  const replaced = new Set(incoming.map(key));
  const documents = [...existing.filter((doc) => !replaced.has(key(doc))), ...incoming];
  return { problems: checkDocuments(documents), documents };
}

function checkDuplicates(docs: readonly MetadataDoc[]): Problem[] {
  const seen = new Set<string>();
  return docs.flatMap((doc) => {
    if (!seen.has(key(doc))) { seen.add(key(doc)); return []; }
    return inDocument([problem('/name', 'duplicate_document',
      `${doc.kind} ${doc.name} 出现了不止一次`, `${doc.kind} ${doc.name} appears more than once`)], doc);
  });
}

function key(doc: Pick<MetadataDoc, 'kind' | 'name'>): string {
  return `${doc.kind}:${doc.name}`;
}

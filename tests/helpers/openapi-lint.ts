import { createConfig, lintFromString } from '@redocly/openapi-core';

/** Lints a document as OpenAPI 3.1 with Redocly's recommended rules plus the structural ones; returns the errors. */
export async function openApiErrors(document: unknown) {
  const config = await createConfig({
    extends: ['recommended'],
    rules: {
      struct: 'error',
      'no-unresolved-refs': 'error',
      'operation-tag-defined': 'error',
      'operation-4xx-problem-details-rfc7807': 'error',
      // Authentication is described by the auth routes, not (yet) by this document.
      'security-defined': 'off',
    },
  });
  const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
  return problems.filter((p) => p.severity === 'error');
}

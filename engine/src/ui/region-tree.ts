/**
 * `GET /api/ui/regions`: the GB/T 2260 tree for the region cascader, the vendored data as it is
 * (metadata/data/README.md: `[{ code, name, children }]`, two-, four- and six-digit codes; the web app turns it into
 * six-digit cascader options), serialized once and served with an ETag.
 */
import { createHash } from 'node:crypto';
import tree from '../../../metadata/data/pca-code.json' with { type: 'json' };

let cached: { body: string; etag: string } | undefined;

/** The tree as JSON text and its ETag. */
export function regionTreeBody(): { body: string; etag: string } {
  if (!cached) {
    const body = JSON.stringify(tree);
    cached = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
  }
  return cached;
}

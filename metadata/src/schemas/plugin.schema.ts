import { labelSchema } from './common.schema.ts';

/** plugin.json: a plugin pack's manifest. */
export const pluginSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'version', 'label', 'engine', 'documents'],
  properties: {
    name: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,47}$' },
    version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?$' },
    label: labelSchema,
    description: labelSchema,
    /** A semver range the engine's version must satisfy, e.g. ">=0.1.0 <1.0.0". */
    engine: { type: 'string', minLength: 1 },
    /** Other plugins this one needs installed first: name → semver range. */
    dependencies: { type: 'object', additionalProperties: { type: 'string', minLength: 1 } },
    /** Files or folders (every *.json inside) of metadata documents, relative to the plugin folder. */
    documents: { type: 'array', items: { type: 'string', minLength: 1 } },
    /** A module whose default export is `definePlugin({...})` (engine/src/plugin-api.ts). */
    hooks: { type: 'string', minLength: 1 },
    /** A module whose default export returns the data rows every install loads. */
    seed: { type: 'string', minLength: 1 },
    /** A module whose default export returns demo data rows, loaded when asked for. */
    demo: { type: 'string', minLength: 1 },
  },
} as const;

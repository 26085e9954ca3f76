import { describe, expect, it } from 'vitest';
import type { StoredDocument } from '../../../metadata/src/store.ts';
import type { Layer } from '../../../metadata/src/types.ts';
import { documentOrigins } from './document-origins.ts';

const stored = (name: string, layer: Layer, deleted = false, kind: 'object' | 'layout' = 'object'): StoredDocument => ({
  kind, name, layer, version: 1, deleted, body: deleted ? null : ({ kind, name } as StoredDocument['body']),
});

describe('documentOrigins', () => {
  it('names the layers of each document and the plugin that ships it, leaving deleted layers and other kinds out', () => {
    const origins = documentOrigins(
      'object',
      [stored('dealer', 'base'), stored('dealer', 'custom'), stored('hospital', 'base'), stored('hospital', 'custom', true), stored('demo_unit', 'custom'), stored('dealer', 'custom', false, 'layout')],
      [{ name: 'medical_dms', documents: [{ kind: 'object', name: 'dealer' }, { kind: 'object', name: 'hospital' }, { kind: 'layout', name: 'demo_unit' }] }],
    );
    expect(origins).toEqual({
      dealer: { layers: ['base', 'custom'], plugin: 'medical_dms' },
      hospital: { layers: ['base'], plugin: 'medical_dms' },
      demo_unit: { layers: ['custom'] },
    });
  });
});

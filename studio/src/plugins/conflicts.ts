/** A refused plugin change's conflicts (PLUGIN_CONFLICT), each with its message, as the conflict list shows them. */
import { ApiError } from '../../../runtime-ui/src/api/client.ts';
import type { DocKind } from '../../../metadata/src/types.ts';

export interface Conflict {
  document: { kind: DocKind; name: string };
  /** A JSON pointer inside the document. */
  path: string;
  message: string;
  /** The value there in the plugin's new version, and in the custom layer; absent where that layer says nothing. */
  plugin?: unknown;
  custom?: unknown;
}

interface WireConflict extends Omit<Conflict, 'message'> {
  field: string;
}

/** The conflicts of a PLUGIN_CONFLICT answer, or null for any other error. */
export function conflictsOf(error: unknown): Conflict[] | null {
  if (!(error instanceof ApiError) || error.code !== 'PLUGIN_CONFLICT') return null;
  const details = Array.isArray(error.body.conflicts) ? (error.body.conflicts as WireConflict[]) : [];
  return error.errors.map((e) => {
    const detail = details.find((d) => d.field === e.field);
    return {
      document: detail?.document ?? documentOf(e.field),
      path: detail?.path ?? e.field.replace(/^[^/]*/, ''),
      message: e.message,
      ...(detail && 'plugin' in detail ? { plugin: detail.plugin } : {}),
      ...(detail && 'custom' in detail ? { custom: detail.custom } : {}),
    };
  });
}

const documentOf = (field: string) => {
  const [kind = '', name = ''] = field.split('/')[0]!.split(':');
  return { kind: kind as DocKind, name };
};

/** A value as one short line: text as it is, anything else as compact JSON. */
export function shownValue(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

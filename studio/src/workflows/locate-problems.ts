/**
 * Where on the canvas a refused deploy's problem belongs. The engine names the place with a JSON pointer, after the
 * document (`workflow:x/nodes/3/approvers`) or, for a problem of shape, after the request (`/documents/0/edges/2`):
 * `/nodes/<i>` is the i-th node, `/edges/<i>` the i-th edge, anything else the workflow as a whole.
 */
import type { UiProblem } from '../../../metadata/src/ui-contract.ts';

export interface PlacedProblem {
  message: string;
  node?: string;
  edge?: string;
}

export interface LocatedProblems {
  list: PlacedProblem[];
  byNode: Map<string, string[]>;
  byEdge: Map<string, string[]>;
}

export const NO_PROBLEMS: LocatedProblems = { list: [], byNode: new Map(), byEdge: new Map() };

const PLACE = /^(?:[a-zA-Z]+:[a-z0-9_]+|\/documents\/\d+)?\/(nodes|edges)\/(\d+)(?:\/|$)/;

/** `nodeIds` and `edgeIds` in the document's order: the ids of the canvas's nodes and edges. */
export function locateProblems(errors: UiProblem[], nodeIds: string[], edgeIds: string[]): LocatedProblems {
  const located: LocatedProblems = { list: [], byNode: new Map(), byEdge: new Map() };
  for (const error of errors) {
    const place = PLACE.exec(error.field);
    const index = place ? Number(place[2]) : -1;
    const node = place?.[1] === 'nodes' ? nodeIds[index] : undefined;
    const edge = place?.[1] === 'edges' ? edgeIds[index] : undefined;
    located.list.push({ message: error.message, node, edge });
    if (node) located.byNode.set(node, [...(located.byNode.get(node) ?? []), error.message]);
    if (edge) located.byEdge.set(edge, [...(located.byEdge.get(edge) ?? []), error.message]);
  }
  return located;
}

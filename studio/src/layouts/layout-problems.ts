/**
 * A refused layout deploy's errors placed on the editor: each on the section or list view its path names
 * (`layout:dealer_layout/sections/1/fields/0`, or `/documents/0/listViews/2/sort/0`), by index in the layout.
 */
import type { UiProblem } from '../../../metadata/src/ui-contract.ts';

export interface PlacedProblems {
  sections: Record<number, string[]>;
  listViews: Record<number, string[]>;
}

const PLACE = /\/(sections|listViews)\/(\d+)(?:\/|$)/;

export function placeProblems(errors: readonly Pick<UiProblem, 'field' | 'message'>[]): PlacedProblems {
  const placed: PlacedProblems = { sections: {}, listViews: {} };
  for (const error of errors) {
    const match = PLACE.exec(error.field);
    if (!match) continue;
    const part = placed[match[1] as keyof PlacedProblems];
    const index = Number(match[2]);
    part[index] = [...(part[index] ?? []), error.message];
  }
  return placed;
}

/** The workflows offered for a record: those whose entry criterion holds for it here (the server decides again on submit). */
import type { UiObject } from '../../../metadata/src/ui-contract.ts';
import type { RecordData } from '../api/records.ts';
import { holds } from '../form/logic.ts';

export type OfferedWorkflow = UiObject['workflows'][number];

export function offeredWorkflows(ui: UiObject, record: RecordData): OfferedWorkflow[] {
  return ui.workflows.filter((w) => holds(w.when, record, true));
}

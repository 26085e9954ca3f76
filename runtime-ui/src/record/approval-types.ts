/** The shapes of the engine's approval reads (engine/src/workflow/approval-history.ts, route-preview.ts). */
import type { Label } from '../../../metadata/src/types.ts';

export interface Person {
  id: string;
  displayName: string | null;
}

export interface ApprovalTask {
  id: string;
  assignee: Person;
  kind: string;
  status: string;
  reason: Label;
  decidedAt: string | null;
  comment: string | null;
}

export interface ApprovalStep {
  id: string;
  node: string;
  label: Label;
  status: 'active' | 'approved' | 'rejected' | 'returned' | 'cancelled';
  startedAt: string;
  endedAt: string | null;
  dueAt: string | null;
  tasks: ApprovalTask[];
}

export interface ApprovalEvent {
  at: string;
  event: string;
  node: string | null;
  actor: Person | null;
  comment: string | null;
  details: Record<string, unknown>;
}

export interface Submission {
  id: string;
  workflow: { name: string; label: Label };
  status: 'pending' | 'approved' | 'rejected' | 'returned' | 'recalled';
  submittedBy: Person;
  submittedAt: string;
  endedAt: string | null;
  steps: ApprovalStep[];
  events: ApprovalEvent[];
}

export interface RouteStop {
  node: string;
  type: string;
  label: Label;
  approvers?: { userId: string; username: string; displayName: string; reason: Label }[];
  mode?: string;
  next?: string[];
  problem?: Label;
}

export interface RoutePreview {
  workflow: { name: string; label: Label };
  route: RouteStop[];
  /** Why the workflow doesn't take the record now. */
  refusal?: Label;
  canSubmit: boolean;
}

export interface HistoryEntry {
  id: number;
  action: 'create' | 'update' | 'delete' | 'restore';
  at: string;
  actor: string | null;
  actorName?: string | null;
  changes: Record<string, { old: unknown; new: unknown }>;
}

export type Decision = 'approve' | 'reject' | 'return';

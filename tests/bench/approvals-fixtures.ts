/**
 * The approvals bench's documents (a small object, two roles, a workflow of two approval steps one after the other)
 * and the raw baseline's hand-written SQL, run on copies of the workflow tables (`bench_raw_*`, made by approvals.ts).
 */

export const APPROVAL_OBJECT = 'bench_request';
export const APPROVAL_TABLE = `data.${APPROVAL_OBJECT}`;
export const APPROVAL_WORKFLOW = 'bench_approval';
export const ROLE_A = 'bench_role_a';
export const ROLE_B = 'bench_role_b';
export const USER_A = 'bench_approver_a';
export const USER_B = 'bench_approver_b';
/** The inbox page B asks for, as a client polling its inbox would. */
export const INBOX_LIMIT = 50;
export const INBOX_PATH = `/api/approvals/inbox?object=${APPROVAL_OBJECT}&limit=${INBOX_LIMIT}`;

const label = (en: string) => ({ 'zh-CN': en, en });

export const approvalDocuments = () => [
  {
    kind: 'object',
    name: APPROVAL_OBJECT,
    label: { 'zh-CN': '基准申请', en: 'Bench request' },
    fields: [
      { name: 'name', type: 'text', label: label('Name'), required: true, maxLength: 200 },
      { name: 'amount', type: 'money', label: label('Amount'), min: 0 },
    ],
  },
  { kind: 'role', name: ROLE_A, label: label('Bench approver A') },
  { kind: 'role', name: ROLE_B, label: label('Bench approver B') },
  {
    kind: 'workflow',
    name: APPROVAL_WORKFLOW,
    object: APPROVAL_OBJECT,
    trigger: { on: 'submit' },
    label: { 'zh-CN': '基准审批', en: 'Bench approval' },
    nodes: [
      { id: 'start', type: 'start' },
      { id: 'first', type: 'approval', label: label('First approval'), approvers: { role: ROLE_A }, mode: 'any' },
      { id: 'second', type: 'approval', label: label('Second approval'), approvers: { role: ROLE_B }, mode: 'any' },
      { id: 'end', type: 'end' },
    ],
    edges: [
      { from: 'start', to: 'first' },
      { from: 'first', to: 'second', on: 'approved' },
      { from: 'second', to: 'end', on: 'approved' },
    ],
  },
];

/** The copies of the engine's workflow tables the raw routes write (same columns and indexes, no foreign keys). */
export const RAW_TABLES = { instances: 'bench_raw_instances', tasks: 'bench_raw_tasks', events: 'bench_raw_events' } as const;

/** A decision by hand: lock the task's instance, close the task, insert the next approver's task and an event. */
export const RAW_DECISION_SQL = {
  lock: `SELECT id, status FROM ${RAW_TABLES.instances} WHERE id = (SELECT instance_id FROM ${RAW_TABLES.tasks} WHERE id = $1) FOR UPDATE`,
  close:
    `UPDATE ${RAW_TABLES.tasks} SET status = 'approved', decided_at = now(), decided_by = $2 ` +
    `WHERE id = $1 AND status = 'pending' RETURNING step_id, instance_id`,
  next:
    `INSERT INTO ${RAW_TABLES.tasks} (id, step_id, instance_id, assignee_id, kind, status, reason, created_at) ` +
    `VALUES ($1, $2, $3, $4, 'approver', 'pending', $5, now())`,
  event: `INSERT INTO ${RAW_TABLES.events} (instance_id, at, event, node, task_id, actor) VALUES ($1, now(), 'approved', 'first', $2, $3)`,
};

const RAW_INBOX_WHERE = `WHERE t.assignee_id = $1 AND t.status = 'pending' AND i.object = $2`;

/** B's inbox by hand: the page (with the submitter's name and the record's title) and the count, like the engine's two queries. */
export const RAW_INBOX_SQL = {
  page:
    'SELECT t.id, t.created_at, t.reason, i.id AS instance_id, i.workflow, i.object, i.record_id, i.submitted_by, i.submitted_at, ' +
    'u.display_name AS submitter_name, r.name AS record_title ' +
    `FROM ${RAW_TABLES.tasks} t JOIN ${RAW_TABLES.instances} i ON i.id = t.instance_id JOIN qd_users u ON u.id = i.submitted_by ` +
    `LEFT JOIN ${APPROVAL_TABLE} r ON r.id = i.record_id ${RAW_INBOX_WHERE} ORDER BY t.created_at, t.id LIMIT $3`,
  count: `SELECT count(*)::int AS n FROM ${RAW_TABLES.tasks} t JOIN ${RAW_TABLES.instances} i ON i.id = t.instance_id ${RAW_INBOX_WHERE}`,
};

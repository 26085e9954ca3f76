/** The approvals figures' part of BENCHMARKS.md: rows, targets, the reading's sentence, notes and the section with the plans. */
import { APPROVAL_OBJECT, INBOX_LIMIT, INBOX_PATH, RAW_DECISION_SQL } from './approvals-fixtures.ts';
import type { ApprovalsRun, Latency } from './approvals.ts';
import type { Throughput } from './measure.ts';
import { f0, f2, type Row, type Section, type Target } from './report.ts';

/** Wanted: see the note of each in approvalNotes. */
const WANTED = { decisionRatio: 0.3, nextTaskP95: 50, backlogP95: 50 };

const n = (run: ApprovalsRun) => run.options.decisions.toLocaleString('en-US');
const ms = (l: Latency) => `${f2(l.p50)} / ${f2(l.p95)} / ${f2(l.p99)} ms`;
const perS = (t: Throughput) => `${f0(t.rate)} decisions/s (p50 ${f2(t.p50)} ms, p99 ${f2(t.p99)} ms)`;
const decisionRatio = (run: ApprovalsRun) => run.decisions.engine.rate / run.decisions.raw.rate;
const narrowed = (run: ApprovalsRun) => run.inboxPlans.page.narrowed && run.inboxPlans.count.narrowed;
const yes = (b: boolean) => (b ? 'yes' : 'NO');
/** The table a sequentially scanned statement reads, and its condition. */
const scanned = (run: ApprovalsRun) => run.decision.seqScans.map((s) => {
  const [, table, filter] = /Seq Scan on (\S+)[\s\S]*?Filter: (.*)/.exec(s.plan) ?? [];
  return `${table} (${filter})`;
});

export function approvalRows(run: ApprovalsRun): Row[] {
  const { decisions, nextTask, backlog } = run;
  return [
    {
      figure: `Approval decisions: ${n(run)} step-1 approvals through HTTP, each task decided once (autocannon, ${run.options.connections} connections; the engine resolves and starts step 2 in the same transaction)`,
      engine: perS(decisions.engine),
      raw: perS(decisions.raw),
      ratio: f2(decisionRatio(run)),
    },
    {
      figure: `Next task in the next approver's inbox: from sending A's decision to B's first \`GET ${INBOX_PATH}\` that lists it, p50 / p95 / p99 (${nextTask.engine.count} decisions, one at a time)`,
      engine: ms(nextTask.engine),
      raw: ms(nextTask.raw),
      ratio: `p95 ${f2(nextTask.engine.p95 / nextTask.raw.p95)}× raw`,
    },
    {
      figure: `B's first inbox page (${INBOX_LIMIT} tasks and the total) with ${backlog.pending.engine.toLocaleString('en-US')} tasks pending, one GET at a time, p50 / p95 / p99`,
      engine: ms(backlog.engine),
      raw: ms(backlog.raw),
      ratio: `p95 ${f2(backlog.engine.p95 / backlog.raw.p95)}× raw`,
    },
    {
      figure: 'Statements one decision sends, information only (knex query log; the raw route: BEGIN, lock, update, 2 inserts, COMMIT)',
      engine: `${run.decision.statements.length + 2}`,
      raw: '6',
      ratio: '—',
    },
  ];
}

export function approvalTargets(run: ApprovalsRun): Target[] {
  const { nextTask, backlog } = run;
  return [
    { name: 'Approval decisions/s vs a raw decision transaction', target: `≥ ${WANTED.decisionRatio}`, measured: f2(decisionRatio(run)), pass: decisionRatio(run) >= WANTED.decisionRatio },
    {
      name: "The next task in the next approver's inbox, p95 (decision sent → B's GET lists it)",
      target: `≤ ${WANTED.nextTaskP95} ms`,
      measured: `${f2(nextTask.engine.p95)} ms (raw ${f2(nextTask.raw.p95)} ms)`,
      pass: nextTask.engine.p95 <= WANTED.nextTaskP95,
    },
    {
      name: `The inbox's first page with ${backlog.pending.engine.toLocaleString('en-US')} tasks pending, p95`,
      target: `≤ ${WANTED.backlogP95} ms`,
      measured: `${f2(backlog.engine.p95)} ms (raw ${f2(backlog.raw.p95)} ms)`,
      pass: backlog.engine.p95 <= WANTED.backlogP95,
    },
    {
      name: "The inbox's page and count can find the reader's tasks through `qd_workflow_tasks_inbox` (an index condition on `assignee_id`)",
      target: 'index condition',
      measured: `page ${yes(run.inboxPlans.page.narrowed)}, count ${yes(run.inboxPlans.count.narrowed)} (raw's hand-written \`t.assignee_id = $1\`: page ${yes(run.inboxPlans.raw.page.narrowed)}, count ${yes(run.inboxPlans.raw.count.narrowed)})`,
      pass: narrowed(run),
    },
    {
      name: `A decision scans no workflow table (plans of its statements at ${n(run)}+ tasks)`,
      target: 'no Seq Scan',
      measured: run.decision.seqScans.length ? `Seq Scan: ${scanned(run).join('; ')}` : 'none',
      pass: run.decision.seqScans.length === 0,
    },
  ];
}

export function approvalReading(run: ApprovalsRun): string {
  return (
    `Approving ${n(run)} step-1 tasks through the API runs at ${f0(run.decisions.engine.rate)} decisions/s, ${f2(decisionRatio(run))} of a hand-written decision transaction ` +
    `(${f0(run.decisions.raw.rate)}/s); each decision sends ${run.decision.statements.length + 2} statements to the raw route's 6, because it settles step 1, resolves step 2's approvers ` +
    `from the role, reads the record for the workflow's expressions and writes three history events. The next approver's inbox lists the new task ` +
    `${f2(run.nextTask.engine.p95)} ms (p95) after A's decision was sent (raw: ${f2(run.nextTask.raw.p95)} ms): the task is written in the decision's transaction, so the wait ` +
    `is the decision's round trip plus one inbox read. `
  );
}

export function approvalNotes(run: ApprovalsRun): string[] {
  const { options } = run;
  const notes = [
    `Approvals (issue 6) run on a database of their own: ${run.setup.records.toLocaleString('en-US')} \`${APPROVAL_OBJECT}\` records (inserted by INSERT ... SELECT), each submitted ` +
      `through the workflow service in the bench process, 8 at a time (${run.setup.submitS.toFixed(0)} s, not measured), to a workflow of two approval steps one after the other ` +
      `(step 1: the users of role A, step 2: of role B; one user in each, with an API token). The raw routes then get copies of the workflow tables ` +
      `(\`CREATE TABLE ... (LIKE qd_workflow_... INCLUDING ALL)\`, same columns and indexes, no foreign keys, same rows), so both sides decide the same task ids from the same state.`,
    `Decisions/s: autocannon with \`amount\` = the tasks of a slice and \`setupRequest\` handing out the next task id, so each task is decided once; the ${n(run)} tasks in ${options.rounds} slices, ` +
      `raw then engine, engine then raw, ...; the figure is all decisions over all the time they took (rounds below). The raw route is one transaction by hand with pg: ` +
      `\`${RAW_DECISION_SQL.lock}\`, the task's UPDATE, the next approver's task INSERT and an event INSERT.`,
    `Next task: ${options.samples} decisions (after ${options.warm} not counted), taken before the ${n(run)}, one at a time, engine and raw in turn. B polls from the moment A's decision is sent, ` +
      `each GET as soon as the last one answered (on average ${f2(run.nextTask.polls.engine)} GETs per decision on the engine, ${f2(run.nextTask.polls.raw)} on raw), ` +
      `and decides the task once seen (not timed) so its inbox stays at one page. Raw: the same decision route and B's inbox by hand (page + count, like the engine's two queries). No other load runs meanwhile.`,
    `Targets: ${WANTED.decisionRatio} of the raw decision because a decision writes about three times the rows of the raw transaction (the task, step 1 closed, step 2 and its task, three events) ` +
      `and reads the approvers and the record; wanting less than a third would accept per-statement overhead above the raw one. ` +
      `${WANTED.nextTaskP95} ms for the next task and for a page of a full inbox: well under what a person notices when a page refreshes (about 100 ms), leaving the rest to the network, on this 2-core machine.`,
    `Ordering: the inbox lists the oldest task first. With ${run.backlog.pending.engine.toLocaleString('en-US')} tasks pending, a new one is on the last page, so a client polling the first page ` +
      'sees a new task only through `total`; there is no newest-first order or "since" parameter. The next-task figure is therefore measured with B keeping its inbox short.',
  ];
  return [...notes, ...run.problems];
}

export function approvalSection(run: ApprovalsRun): Section {
  const { page, count } = run.inboxPlans;
  const pending = run.backlog.pending.engine.toLocaleString('en-US');
  return {
    title: `Approvals: B's inbox with ${pending} tasks pending, and one decision's statements`,
    paragraphs: [
      `The inbox's two queries as the engine sends them for B (\`GET ${INBOX_PATH}\`). B's ${pending} pending tasks are half of this task table, so PostgreSQL ` +
        `rightly reads it whole here (the page's plan ${page.usesIndex ? 'uses' : 'does not use'} \`qd_workflow_tasks_inbox\`, the count's ${count.usesIndex ? 'uses' : 'does not use'} it). ` +
        'What matters when B\'s tasks are a few among many is whether the query can narrow to them through the partial index ' +
        "`qd_workflow_tasks_inbox (assignee_id, created_at, id) WHERE status = 'pending'`: the plans with sequential scans disabled (`SET LOCAL enable_seqscan = off`) " +
        `show it: page ${narrowed(run) ? 'and count find B\'s tasks by `Index Cond: (assignee_id = ...)`.' : `${yes(page.narrowed)}, count ${yes(count.narrowed)}.`}` +
        (narrowed(run) ? '' : ' The reader\'s own tasks or a delegator\'s, `t.assignee_id = $2 OR t.assignee_id IN (SELECT user_id FROM qd_delegations ...)`, is not an index condition: ' +
          'the whole partial index (every user\'s pending tasks) is read and `assignee_id` filtered. Written as ' +
          '`t.assignee_id = ANY (array_prepend($2, ARRAY(SELECT user_id FROM qd_delegations WHERE ...)))` (tried by hand on this data), the delegations become an InitPlan and the ' +
          'reader\'s tasks an `Index Cond` of `qd_workflow_tasks_inbox`.'),
      run.decision.seqScans.length
        ? `Of the ${run.decision.statements.length} statements one decision sends (knex query log, plain EXPLAIN with the tables at their final size), ` +
          `${run.decision.seqScans.length} scan${run.decision.seqScans.length === 1 ? 's' : ''} a whole workflow table: below.`
        : `None of the ${run.decision.statements.length} statements one decision sends (knex query log; plain EXPLAIN with the tables at their final size) scans a whole workflow table.`,
    ],
    code: [
      `-- page\n${page.sql}\n\n${page.plan}\n\n-- the same, sequential scans disabled\n${page.forced}`,
      `-- count\n${count.sql}\n\n${count.plan}\n\n-- the same, sequential scans disabled\n${count.forced}`,
      ...run.decision.seqScans.map((s) => `${s.sql}\n\n${s.plan}`),
    ],
  };
}

/** The rounds table's lines of the decisions. */
export function approvalRounds(run: ApprovalsRun): string[] {
  const { engine, raw } = run.decisions.rounds;
  return [`| approval decisions (HTTP, slices of one run) | ${engine.map((t) => f0(t.rate)).join(' / ')} | ${raw.map((t) => f0(t.rate)).join(' / ')} |`];
}

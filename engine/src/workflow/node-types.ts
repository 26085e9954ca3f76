/**
 * What each node type does when the token enters it. An approval writes its tasks and waits; a condition takes
 * the first edge whose `when` holds (else `otherwise`); a parallel split enters every branch whose `when` holds
 * (or has none) and tells its join how many to wait for; an action runs its actions in the transition's
 * transaction; an end closes the instance.
 */
import { evaluateLogic, isTruthy } from '../../../metadata/src/jsonlogic.ts';
import type { WorkflowNode, WorkflowNodeType } from '../../../metadata/src/types.ts';
import { joinOfSplit } from '../../../metadata/src/workflow-graph.ts';
import { runActions } from '../actions/run-actions.ts';
import { startApprovalStep } from './approval-step.ts';
import type { InstanceRun, Via } from './instance-run.ts';

type Enter = (run: InstanceRun, node: WorkflowNode, via: Via) => Promise<void>;

const NODE_TYPES: Record<WorkflowNodeType, Enter> = {
  start: (run, node, via) => run.pass(node.id, via),
  end: (run, _node, via) => run.finish(via === 'rejected' ? 'rejected' : 'approved'),
  approval: (run, node) => startApprovalStep(run, node),
  condition: enterCondition,
  parallel: enterSplit,
  join: enterJoin,
  action: enterAction,
};

export const enterNode: Enter = (run, node, via) => NODE_TYPES[node.type](run, node, via);

async function enterCondition(run: InstanceRun, node: WorkflowNode, via: Via): Promise<void> {
  const record = await run.record();
  const edges = run.out(node.id);
  const taken = edges.find((e) => e.when !== undefined && isTruthy(evaluateLogic(e.when, record))) ?? edges.find((e) => e.on === 'otherwise');
  if (!taken) throw run.stuck(node, '没有一个分支的条件成立', 'no branch condition holds and there is no otherwise edge');
  await run.enter(taken.to, via);
}

async function enterSplit(run: InstanceRun, node: WorkflowNode, via: Via): Promise<void> {
  const record = await run.record();
  const branches = run.out(node.id).filter((e) => e.when === undefined || isTruthy(evaluateLogic(e.when, record)));
  const join = joinOfSplit(run.definition, node.id);
  if (!join) throw run.stuck(node, '并行分支没有汇合节点', 'the parallel split has no join');
  if (!branches.length) return run.pass(join, via);
  await run.trx('qd_workflow_joins')
    .insert({ instance_id: run.instance.id, node: join, expected: branches.length, arrived: 0 })
    .onConflict(['instance_id', 'node']).merge({ expected: branches.length, arrived: 0 });
  for (const branch of branches) await run.enter(branch.to, via);
}

/** Waits for every branch its split entered; a join with no split waiting (a branch re-entered after a return) passes. */
async function enterJoin(run: InstanceRun, node: WorkflowNode, via: Via): Promise<void> {
  const [waiting] = await run.trx('qd_workflow_joins')
    .where({ instance_id: run.instance.id, node: node.id })
    .increment('arrived', 1)
    .returning(['arrived', 'expected']);
  if (waiting && waiting.arrived < waiting.expected) return;
  await run.trx('qd_workflow_joins').where({ instance_id: run.instance.id, node: node.id }).delete();
  await run.pass(node.id, via);
}

async function enterAction(run: InstanceRun, node: WorkflowNode, via: Via): Promise<void> {
  await runActions(node.actions ?? [], {
    trx: run.trx,
    records: run.records,
    object: run.object,
    record: await run.record(),
    ctx: run.writeContext(),
    source: `workflow:${run.definition.name}/${node.id}`,
    key: `workflow-${run.instance.id}-${node.id}-${run.at.getTime()}`,
    roleLabel: run.roleLabel,
    startWorkflow: (workflow, object, recordId) =>
      run.deps.startWorkflow(run.trx, { workflow, object, recordId, submittedBy: run.actor ?? run.instance.submitted_by }),
  });
  run.forgetRecord();
  await run.event('actions_run', { node: node.id });
  await run.pass(node.id, via);
}

/**
 * Structural checks of a workflow's graph: ids, edges, which edge may leave which node, reachability, dead
 * ends and cycles without exit, and parallel splits matched by joins. Problems point at the node (`/nodes/3`)
 * or the edge (`/edges/2`) and name the node in the message.
 */
import { problem } from './problem.ts';
import type { Problem, WorkflowDoc, WorkflowEdge, WorkflowNode } from './types.ts';

interface Graph {
  index: Map<string, number>;
  out: Map<string, WorkflowEdge[]>;
  into: Map<string, WorkflowEdge[]>;
}

/** Prefixes a problem's message with the node it is about. */
export function atNode(id: string, p: Problem): Problem {
  return { ...p, message: { 'zh-CN': `节点 ${id}：${p.message['zh-CN']}`, en: `node ${id}: ${p.message.en}` } };
}

export function checkWorkflowGraph(doc: WorkflowDoc): Problem[] {
  const graph = buildGraph(doc);
  return [
    ...checkIds(doc),
    ...checkEdgeEnds(doc, graph),
    ...checkStartAndEnd(doc),
    ...doc.edges.flatMap((edge, i) => checkEdgeKind(doc, graph, edge, i)),
    ...doc.nodes.flatMap((node, i) => checkExits(node, i, graph)),
    ...checkReach(doc, graph),
    ...checkSplitsAndJoins(doc, graph),
  ];
}

function buildGraph(doc: WorkflowDoc): Graph {
  const index = new Map<string, number>();
  doc.nodes.forEach((n, i) => { if (!index.has(n.id)) index.set(n.id, i); });
  const out = new Map<string, WorkflowEdge[]>(doc.nodes.map((n) => [n.id, []]));
  const into = new Map<string, WorkflowEdge[]>(doc.nodes.map((n) => [n.id, []]));
  for (const edge of doc.edges) {
    if (!index.has(edge.from) || !index.has(edge.to)) continue;
    out.get(edge.from)!.push(edge);
    into.get(edge.to)!.push(edge);
  }
  return { index, out, into };
}

const nodeOf = (doc: WorkflowDoc, graph: Graph, id: string) => doc.nodes[graph.index.get(id)!];

function checkIds(doc: WorkflowDoc): Problem[] {
  const seen = new Set<string>();
  return doc.nodes.flatMap((node, i) => {
    if (!seen.has(node.id)) { seen.add(node.id); return []; }
    return [atNode(node.id, problem(`/nodes/${i}/id`, 'duplicate_node', 'id 重复', 'the id is used twice'))];
  });
}

function checkEdgeEnds(doc: WorkflowDoc, graph: Graph): Problem[] {
  return doc.edges.flatMap((edge, i) => (['from', 'to'] as const)
    .filter((end) => !graph.index.has(edge[end]))
    .map((end) => problem(`/edges/${i}/${end}`, 'unknown_node', `连线指向不存在的节点 ${edge[end]}`, `the edge names no node ${edge[end]}`)));
}

function checkStartAndEnd(doc: WorkflowDoc): Problem[] {
  const starts = doc.nodes.map((n, i) => ({ n, i })).filter(({ n }) => n.type === 'start');
  const problems = starts.slice(1).map(({ n, i }) =>
    atNode(n.id, problem(`/nodes/${i}`, 'start_twice', '只能有一个开始节点', 'a workflow has exactly one start node')));
  if (starts.length === 0) problems.push(problem('/nodes', 'no_start', '缺少开始节点', 'the workflow has no start node'));
  if (!doc.nodes.some((n) => n.type === 'end')) problems.push(problem('/nodes', 'no_end', '缺少结束节点', 'the workflow has no end node'));
  return problems;
}

/** Which edge may leave which node: decisions leave approvals, `when` and `otherwise` leave conditions (and `when` splits). */
function checkEdgeKind(doc: WorkflowDoc, graph: Graph, edge: WorkflowEdge, i: number): Problem[] {
  if (!graph.index.has(edge.from) || !graph.index.has(edge.to)) return [];
  const from = nodeOf(doc, graph, edge.from).type;
  const to = nodeOf(doc, graph, edge.to).type;
  const problems: Problem[] = [];
  if (to === 'start') problems.push(problem(`/edges/${i}/to`, 'edge_into_start', '连线不能指向开始节点', 'no edge may lead into the start node'));
  if (from === 'end') problems.push(problem(`/edges/${i}/from`, 'edge_out_of_end', '结束节点不能有出线', 'no edge may leave an end node'));
  if (edge.on === 'otherwise' ? from !== 'condition' : edge.on !== undefined && from !== 'approval') {
    problems.push(problem(`/edges/${i}/on`, 'edge_outcome',
      `on: ${edge.on} 不适用于 ${from} 节点（审批结果只用于审批节点，otherwise 只用于条件节点）`,
      `on: ${edge.on} does not fit a ${from} node (decisions leave approval nodes, otherwise leaves condition nodes)`));
  }
  if (edge.when !== undefined && from !== 'condition' && from !== 'parallel') {
    problems.push(problem(`/edges/${i}/when`, 'edge_when', `${from} 节点的出线不能带 when（只有条件和并行分支可以）`,
      `an edge leaving a ${from} node can't have when (only condition and parallel nodes)`));
  }
  if (from === 'condition' && edge.when === undefined && edge.on !== 'otherwise') {
    problems.push(problem(`/edges/${i}`, 'condition_edge', '条件节点的出线须有 when 或 on: otherwise', 'an edge leaving a condition needs when or on: otherwise'));
  }
  return problems.map((p) => atNode(edge.from, p));
}

function checkExits(node: WorkflowNode, i: number, graph: Graph): Problem[] {
  const out = graph.out.get(node.id) ?? [];
  const path = `/nodes/${i}`;
  const problems: Problem[] = [];
  if (['start', 'action', 'join'].includes(node.type) && out.length > 1) {
    problems.push(problem(path, 'too_many_exits', `${node.type} 节点只能有一条出线（分支请用条件或并行节点）`,
      `a ${node.type} node has one outgoing edge (branch with a condition or parallel node)`));
  }
  if (node.type === 'condition' && out.length === 0) {
    problems.push(problem(path, 'condition_without_edges', '条件节点至少需要一条出线', 'a condition needs at least one outgoing edge'));
  }
  if (node.type === 'condition' && out.filter((e) => e.on === 'otherwise').length > 1) {
    problems.push(problem(path, 'outcome_twice', '条件节点只能有一条 otherwise 出线', 'a condition has at most one otherwise edge'));
  }
  if (node.type === 'approval') problems.push(...checkApprovalExits(out, path));
  if (node.type === 'parallel' && out.length < 2) {
    problems.push(problem(path, 'split_branches', '并行分支至少需要两条出线', 'a parallel split needs at least two outgoing edges'));
  }
  if (node.type === 'join' && (graph.into.get(node.id) ?? []).length < 2) {
    problems.push(problem(path, 'join_inputs', '汇合节点至少需要两条入线', 'a join needs at least two incoming edges'));
  }
  return problems.map((p) => atNode(node.id, p));
}

function checkApprovalExits(out: WorkflowEdge[], path: string): Problem[] {
  const outcomes = out.map((e) => e.on ?? 'approved');
  const twice = [...new Set(outcomes.filter((o, k) => outcomes.indexOf(o) !== k))];
  const problems = twice.map((o) => problem(path, 'outcome_twice', `审批结果 ${o} 有多条出线`, `more than one edge for the decision ${o}`));
  if (!outcomes.includes('approved')) {
    problems.push(problem(path, 'no_approved_edge', '审批节点须有一条 approved 出线', 'an approval needs an edge for approved'));
  }
  return problems;
}

/** Every node reachable from the start, and every node able to reach an end over the explicit edges. */
function checkReach(doc: WorkflowDoc, graph: Graph): Problem[] {
  const starts = doc.nodes.filter((n) => n.type === 'start');
  const reached = starts.length === 1 ? walk([starts[0].id], (id) => graph.out.get(id)!.map((e) => e.to)) : undefined;
  const ends = doc.nodes.filter((n) => n.type === 'end').map((n) => n.id);
  const exits = walk(ends, (id) => graph.into.get(id)!.map((e) => e.from));
  const trapped = doc.nodes.filter((n) => !exits.has(n.id) && (!reached || reached.has(n.id))).map((n) => n.id);
  return doc.nodes.flatMap((node, i) => {
    if (graph.index.get(node.id) !== i) return [];
    if (reached && !reached.has(node.id)) {
      return [atNode(node.id, problem(`/nodes/${i}`, 'unreachable', '从开始节点无法到达', 'it can\'t be reached from the start node'))];
    }
    if (exits.has(node.id) || ends.length === 0) return [];
    return [atNode(node.id, problem(`/nodes/${i}`, 'no_way_out',
      `无法到达任何结束节点（死路或无出口的循环：${trapped.join('、')}）`,
      `it can't reach an end node (a dead end or a cycle without exit: ${trapped.join(', ')})`))];
  });
}

function walk(from: string[], next: (id: string) => string[]): Set<string> {
  const seen = new Set(from);
  const queue = [...from];
  while (queue.length > 0) {
    for (const id of next(queue.shift()!)) if (!seen.has(id)) { seen.add(id); queue.push(id); }
  }
  return seen;
}

/**
 * A split's join is the nearest join (fewest edges from the split) that every branch of the split reaches
 * without passing through the split again. A split whose branches reach no common join, and a join that is
 * no split's join, are refused.
 */
function checkSplitsAndJoins(doc: WorkflowDoc, graph: Graph): Problem[] {
  const matched = new Set<string>();
  const problems: Problem[] = [];
  doc.nodes.forEach((node, i) => {
    if (node.type !== 'parallel' || graph.index.get(node.id) !== i) return;
    const branches = graph.out.get(node.id)!;
    if (branches.length < 2) return;
    const join = matchingJoin(doc, graph, node.id, branches.map((e) => e.to));
    if (join) matched.add(join);
    else {
      problems.push(atNode(node.id, problem(`/nodes/${i}`, 'split_without_join', '并行分支的各条分支没有汇合到同一个汇合节点',
        'the branches of this parallel split never meet at one join')));
    }
  });
  doc.nodes.forEach((node, i) => {
    if (node.type === 'join' && graph.index.get(node.id) === i && !matched.has(node.id)) {
      problems.push(atNode(node.id, problem(`/nodes/${i}`, 'join_without_split', '没有与之对应的并行分支',
        'no parallel split has this node as the join where its branches meet')));
    }
  });
  return problems;
}

/** The join where the branches of the parallel split `split` meet (the runtime waits there), if any. */
export function joinOfSplit(doc: WorkflowDoc, split: string): string | undefined {
  const graph = buildGraph(doc);
  return matchingJoin(doc, graph, split, (graph.out.get(split) ?? []).map((e) => e.to));
}

function matchingJoin(doc: WorkflowDoc, graph: Graph, split: string, targets: string[]): string | undefined {
  const isJoin = (id: string) => nodeOf(doc, graph, id).type === 'join';
  const next = (id: string) => (id === split ? [] : graph.out.get(id)!.map((e) => e.to));
  const joinsOf = (target: string) => new Set([...walk([target], next)].filter((id) => id !== split && isJoin(id)));
  const [first, ...rest] = targets.map(joinsOf);
  const common = [...first].filter((id) => rest.every((set) => set.has(id)));
  const order = [...walk([split], (id) => graph.out.get(id)!.map((e) => e.to))];
  return common.sort((a, b) => order.indexOf(a) - order.indexOf(b))[0];
}

/** The right-hand pane: the selected node's or edge's settings, else the workflow's properties. */
import type { ObjectDoc } from '../../../metadata/src/types.ts';
import { LinkPanel } from './LinkPanel.tsx';
import type { LocatedProblems } from './locate-problems.ts';
import { StepPanel } from './StepPanel.tsx';
import type { WorkflowGraph } from './use-workflow-graph.ts';
import { WorkflowSettings } from './WorkflowSettings.tsx';

export function SidePanel({ graph, objects, problems }: { graph: WorkflowGraph; objects: ObjectDoc[]; problems: LocatedProblems }) {
  const { selection, nodes, edges, props } = graph;
  const node = nodes.find((n) => n.id === selection.node);
  const edge = edges.find((e) => e.id === selection.edge);
  const stepOf = (id: string) => nodes.find((n) => n.id === id)?.data.step;
  if (node) {
    return (
      <StepPanel
        key={node.id}
        step={node.data.step}
        problems={problems.byNode.get(node.id) ?? []}
        object={objects.find((o) => o.name === props.object)}
        workflow={props.name}
        onChange={(step) => graph.changeStep(node.id, step)}
        onDelete={() => graph.deleteStep(node.id)}
      />
    );
  }
  const [from, to] = edge ? [stepOf(edge.source), stepOf(edge.target)] : [];
  if (edge && from && to) {
    return (
      <LinkPanel
        key={edge.id}
        link={edge.data!.link}
        from={from}
        to={to}
        object={props.object}
        problems={problems.byEdge.get(edge.id) ?? []}
        onChange={(link) => graph.changeLink(edge.id, link)}
        onDelete={() => graph.deleteLink(edge.id)}
      />
    );
  }
  const general = problems.list.filter((p) => !p.node && !p.edge).map((p) => p.message);
  return <WorkflowSettings props={props} problems={general} onChange={graph.setProps} />;
}

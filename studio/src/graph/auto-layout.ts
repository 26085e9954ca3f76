/** Positions for a graph's boxes, ranked along its edges by dagre: the workflow designer's and the ER view's auto-layout. */
import { Graph, layout } from '@dagrejs/dagre';

export interface Box {
  id: string;
  width: number;
  height: number;
}

export interface Link {
  source: string;
  target: string;
}

export interface LayoutOptions {
  /** TB: top to bottom (a workflow's steps); LR: left to right (an ER diagram). */
  direction?: 'TB' | 'LR';
  nodeGap?: number;
  rankGap?: number;
}

/** The top-left corner of every box, as React Flow places nodes. */
export function autoLayout(boxes: Box[], links: Link[], { direction = 'TB', nodeGap = 40, rankGap = 60 }: LayoutOptions = {}): Map<string, { x: number; y: number }> {
  const graph = new Graph({ multigraph: true });
  graph.setGraph({ rankdir: direction, nodesep: nodeGap, ranksep: rankGap });
  for (const box of boxes) graph.setNode(box.id, { width: box.width, height: box.height });
  links.forEach((link, i) => {
    if (graph.hasNode(link.source) && graph.hasNode(link.target)) graph.setEdge(link.source, link.target, {}, String(i));
  });
  layout(graph);
  return new Map(boxes.map((box) => {
    const { x, y } = graph.node(box.id);
    return [box.id, { x: x - box.width / 2, y: y - box.height / 2 }];
  }));
}

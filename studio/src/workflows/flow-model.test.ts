import { describe, expect, it } from 'vitest';
import { dealerOnboardingWorkflow, hospitalReviewWorkflow } from '../../../metadata/src/fixtures/workflow-examples.ts';
import type { WorkflowDoc } from '../../../metadata/src/types.ts';
import { fromFlow, toFlow } from './flow-model.ts';
import { layoutSteps } from './layout-steps.ts';

const DEMO_WORKFLOWS = [hospitalReviewWorkflow, dealerOnboardingWorkflow];

const roundTrip = (doc: WorkflowDoc) => {
  const flow = toFlow(structuredClone(doc));
  return fromFlow(flow.props, flow.nodes, flow.edges);
};

describe('workflow ↔ React Flow', () => {
  it.each(DEMO_WORKFLOWS.map((doc) => [doc.name, doc] as const))('keeps %s as it was, node and edge order included', (_, doc) => {
    const { positions, ...back } = roundTrip(doc);
    expect(back).toEqual(doc);
    expect(JSON.stringify(back.nodes)).toBe(JSON.stringify(doc.nodes));
    expect(Object.keys(positions!)).toEqual(doc.nodes.map((n) => n.id));
  });

  it.each(DEMO_WORKFLOWS.map((doc) => [doc.name, doc] as const))('keeps the designer positions of %s once laid out', (_, doc) => {
    const flow = toFlow(doc);
    expect(flow.placed).toBe(false);
    const placed = fromFlow(flow.props, layoutSteps(flow.nodes, flow.edges), flow.edges);
    expect(toFlow(placed).placed).toBe(true);
    expect(roundTrip(placed)).toEqual(placed);
  });

  it('draws each node where it was stored, an edge from its source to its target, and never lets the start be deleted', () => {
    const flow = toFlow({ ...hospitalReviewWorkflow, positions: { start: { x: 10, y: 20 } } });
    expect(flow.placed).toBe(false);
    expect(flow.nodes[0]).toMatchObject({ id: 'start', position: { x: 10, y: 20 }, deletable: false });
    expect(flow.nodes[1]).toMatchObject({ id: 'manager', position: { x: 0, y: 0 }, deletable: true });
    expect(flow.edges.map((e) => `${e.source}>${e.target}`)).toEqual(['start>manager', 'manager>size', 'size>compliance', 'size>end', 'compliance>end']);
    expect(new Set(flow.edges.map((e) => e.id)).size).toBe(flow.edges.length);
  });

  it('writes a reconnected edge with its new ends and rounds positions to whole pixels', () => {
    const flow = toFlow(hospitalReviewWorkflow);
    const edges = flow.edges.map((e, i) => (i === 3 ? { ...e, target: 'compliance' } : e));
    const nodes = flow.nodes.map((n) => ({ ...n, position: { x: 10.4, y: 99.6 } }));
    const doc = fromFlow(flow.props, nodes, edges);
    expect(doc.edges[3]).toEqual({ from: 'size', to: 'compliance', on: 'otherwise' });
    expect(doc.positions!.end).toEqual({ x: 10, y: 100 });
  });
});

describe('auto-layout', () => {
  it('ranks the steps top to bottom along the edges without overlapping', () => {
    const flow = toFlow(dealerOnboardingWorkflow);
    const byId = new Map(layoutSteps(flow.nodes, flow.edges).map((n) => [n.id, n.position]));
    expect(byId.get('start')!.y).toBeLessThan(byId.get('channel_manager')!.y);
    expect(byId.get('review')!.y).toBeLessThan(byId.get('finance')!.y);
    expect(byId.get('reviewed')!.y).toBeLessThan(byId.get('end')!.y);
    expect(byId.get('compliance')!.x).not.toBe(byId.get('finance')!.x);
  });
});

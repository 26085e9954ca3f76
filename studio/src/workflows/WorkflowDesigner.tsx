/**
 * The canvas of one workflow: the palette, the graph (drag handles to connect, Backspace or the panel to delete), the
 * side panel of what is selected, the engine's problems on the nodes and edges (a dry run a moment after each change),
 * auto-layout, and save through the confirmed deploy plan.
 */
import { useMemo, useState, type DragEvent } from 'react';
import { ApartmentOutlined, SaveOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Space, Tag } from 'antd';
import { Background, Controls, MarkerType, ReactFlow, ReactFlowProvider, useReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useTranslation } from 'react-i18next';
import type { ObjectDoc, WorkflowDoc } from '../../../metadata/src/types.ts';
import type { UiProblem } from '../../../metadata/src/ui-contract.ts';
import { useDocuments } from '../api/queries.ts';
import type { Draft } from '../api/meta.ts';
import { pick } from '../i18n/index.ts';
import { DesignerContext, type DesignerView } from './designer-context.ts';
import type { LinkEdge, StepNode } from './flow-model.ts';
import type { PaletteType } from './graph-edits.ts';
import { LinkEdgeView, linkColor } from './LinkEdgeView.tsx';
import { locateProblems, type LocatedProblems } from './locate-problems.ts';
import { Palette, STEP_DRAG_TYPE } from './Palette.tsx';
import { ProblemList } from './ProblemList.tsx';
import { SidePanel } from './SidePanel.tsx';
import { StepNodeView } from './StepNodeView.tsx';
import { useWorkflowGraph, type WorkflowGraph } from './use-workflow-graph.ts';
import { refusalErrors, useDryRun } from './use-dry-run.ts';
import { sameValue } from './workflow-draft.ts';

const NODE_TYPES = { step: StepNodeView };
const EDGE_TYPES = { link: LinkEdgeView };
const CANVAS_HEIGHT = 620;
/** Fit the graph with a margin, never larger than life (two nodes would fill the canvas). */
const FIT = { padding: 0.15, maxZoom: 1 };

export interface DesignerProps {
  doc: WorkflowDoc;
  objects: ObjectDoc[];
  draftOf: (edited: WorkflowDoc) => Draft<'workflow'>;
  /** Deploys the draft after the plan is confirmed; answers whether it was deployed, throws a refusal. */
  save: (draft: Draft<'workflow'>) => Promise<boolean>;
}

export function WorkflowDesigner(props: DesignerProps) {
  return (
    <ReactFlowProvider>
      <Designer {...props} />
    </ReactFlowProvider>
  );
}

function Designer({ doc, objects, draftOf, save }: DesignerProps) {
  const { t } = useTranslation('workflows');
  const { fitView } = useReactFlow<StepNode, LinkEdge>();
  const graph = useWorkflowGraph(doc);
  const { nodes, edges, edited, select } = graph;
  const [refusal, setRefusal] = useState<{ draft: string; errors: UiProblem[] } | null>(null);
  const [saving, setSaving] = useState(false);
  const roles = useDocuments('role').data;

  const draft = draftOf(edited);
  const dryRun = useDryRun(draft);
  const errors = refusal?.draft === JSON.stringify(draft) ? refusal.errors : dryRun.errors;
  const problems = useMemo(() => locateProblems(errors, nodes.map((n) => n.id), edges.map((e) => e.id)), [errors, nodes, edges]);
  const view: DesignerView = { problems, roleLabel: (role) => pick(roles?.find((r) => r.name === role)?.label) || role, select };

  /** After React Flow has measured what changed. */
  const fitSoon = () => window.setTimeout(() => void fitView(FIT), 50);
  const submit = async () => {
    setSaving(true);
    try {
      await save(draft);
    } catch (error) {
      setRefusal({ draft: JSON.stringify(draft), errors: refusalErrors(error) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <DesignerContext.Provider value={view}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Space>
          {!sameValue(edited, doc) && <Tag color="orange" data-testid="workflow-unsaved">{t('unsaved')}</Tag>}
          {dryRun.checking
            ? <Tag data-testid="workflow-checking">{t('checking')}</Tag>
            : errors.length
              ? <Tag color="red" data-testid="workflow-problem-count">{t('problems.title', { count: errors.length })}</Tag>
              : <Tag color="green" data-testid="workflow-valid">{t('valid')}</Tag>}
        </Space>
        <Space>
          <Button icon={<ApartmentOutlined />} onClick={() => { graph.layOut(); fitSoon(); }} data-testid="workflow-auto-layout">{t('autoLayout')}</Button>
          <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => void submit()} data-testid="workflow-save">{t('saveWorkflow')}</Button>
        </Space>
      </Flex>
      <Flex gap={12} align="stretch">
        <Palette onAdd={(type) => { graph.addStep(type); fitSoon(); }} />
        <div style={{ flex: 1, minWidth: 0 }}>
          <Canvas graph={graph} problems={problems} />
          <ProblemList problems={problems} onPick={(p) => (p.node || p.edge) && select({ node: p.node, edge: p.edge })} />
        </div>
        <Card size="small" style={{ width: 380, flex: 'none', height: CANVAS_HEIGHT, overflow: 'auto' }} data-testid="workflow-side-panel">
          <SidePanel graph={graph} objects={objects} problems={problems} />
        </Card>
      </Flex>
    </DesignerContext.Provider>
  );
}

/** React Flow over the graph: edges coloured by their problems, nodes dropped from the palette where they land. */
function Canvas({ graph, problems }: { graph: WorkflowGraph; problems: LocatedProblems }) {
  const { screenToFlowPosition } = useReactFlow<StepNode, LinkEdge>();
  const { nodes, edges, select, setSelection } = graph;
  const shownEdges = useMemo(() => edges.map((e) => ({
    ...e,
    markerEnd: { type: MarkerType.ArrowClosed, color: linkColor(e.data!.link, problems.byEdge.get(e.id)?.length ?? 0, Boolean(e.selected)) },
  })), [edges, problems]);
  const drop = (event: DragEvent) => {
    const type = event.dataTransfer.getData(STEP_DRAG_TYPE) as PaletteType;
    if (!type) return;
    event.preventDefault();
    graph.addStep(type, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
  };
  return (
    <div
      style={{ height: CANVAS_HEIGHT, border: '1px solid #e5e8ef', borderRadius: 6, background: '#fafbfc' }}
      data-testid="workflow-canvas"
      onDragOver={(event) => event.preventDefault()}
      onDrop={drop}
    >
      <ReactFlow<StepNode, LinkEdge>
        nodes={nodes}
        edges={shownEdges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onNodesChange={graph.onNodesChange}
        onEdgesChange={graph.onEdgesChange}
        onConnect={graph.connect}
        isValidConnection={graph.connectable}
        onNodeClick={(_, node) => select({ node: node.id })}
        onEdgeClick={(_, edge) => select({ edge: edge.id })}
        onPaneClick={() => select({})}
        onNodesDelete={() => setSelection({})}
        onEdgesDelete={() => setSelection({})}
        fitView
        fitViewOptions={FIT}
        deleteKeyCode={['Backspace', 'Delete']}
      >
        <Background gap={16} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}

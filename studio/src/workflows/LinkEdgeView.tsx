/** One edge on the canvas: an arrow with a label saying when it is taken (a decision, a condition, the fallback), red when the engine found problems. */
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { WorkflowEdge } from '../../../metadata/src/types.ts';
import { pick } from '../i18n/index.ts';
import { useDesignerView } from './designer-context.ts';
import type { LinkEdge } from './flow-model.ts';

const OUTCOME_COLORS: Record<string, string> = { approved: '#389e0d', rejected: '#cf1322', returned: '#d48806', otherwise: '#8c8c8c' };

/** Red with problems, blue when selected, else the colour of its decision (its arrowhead takes the same). */
export function linkColor(link: WorkflowEdge, problems: number, selected: boolean): string {
  if (problems) return '#cf1322';
  return selected ? '#1f5fbf' : OUTCOME_COLORS[link.on ?? ''] ?? '#8c8c8c';
}

function useLinkText(link: WorkflowEdge): string | undefined {
  const { t } = useTranslation('workflows');
  if (link.label) return pick(link.label);
  if (link.on) return t(`link.outcomes.${link.on}`);
  return link.when === undefined ? undefined : t('link.condition');
}

function LinkEdgeViewBase({ id, source, target, data, selected, markerEnd, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition }: EdgeProps<LinkEdge>) {
  const { problems, select } = useDesignerView();
  const text = useLinkText(data!.link);
  const messages = problems.byEdge.get(id) ?? [];
  const [path, labelX, labelY] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, borderRadius: 8 });
  const color = linkColor(data!.link, messages.length, Boolean(selected));
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={{ stroke: color, strokeWidth: selected || messages.length ? 2.5 : 1.5 }} interactionWidth={16} />
      <EdgeLabelRenderer>
        <button
          type="button"
          data-testid={`link-${source}-${target}`}
          data-problems={messages.length}
          title={messages.join('\n') || undefined}
          onClick={() => select({ edge: id })}
          className="nodrag nopan"
          style={{
            position: 'absolute', transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`, pointerEvents: 'all', cursor: 'pointer',
            fontSize: 11, padding: text || messages.length ? '1px 6px' : 0, minWidth: 12, minHeight: 12, borderRadius: 8,
            border: `1px solid ${color}`, background: messages.length ? '#fff1f0' : '#fff', color,
          }}
        >
          {messages.length ? `⚠ ${text ?? ''}` : text}
        </button>
      </EdgeLabelRenderer>
    </>
  );
}

export const LinkEdgeView = memo(LinkEdgeViewBase);

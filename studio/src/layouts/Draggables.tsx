/**
 * The drag and drop pieces both designers use (dnd-kit): pointer and keyboard sensors, a chip that can be picked up
 * (Tab to it, Space to lift, arrows to move, Space to drop), and a box of chips that takes drops.
 */
import type { CSSProperties, ReactNode } from 'react';
import { HolderOutlined } from '@ant-design/icons';
import { closestCorners, KeyboardSensor, pointerWithin, PointerSensor, useDroppable, useSensor, useSensors, type CollisionDetection } from '@dnd-kit/core';
import { SortableContext, rectSortingStrategy, sortableKeyboardCoordinates, useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useTranslation } from 'react-i18next';
import { containerId, itemId, itemOf } from './moves.ts';

export function useDragSensors() {
  return useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
}

/**
 * The chip under the pointer, else the box under it (so a drop after the last chip appends), else the nearest by
 * corners: the keyboard has no pointer.
 */
export const dropCollision: CollisionDetection = (args) => {
  const under = pointerWithin(args);
  const chips = under.filter((c) => itemOf(c.id) !== null);
  if (chips.length) return chips;
  return under.length ? under : closestCorners(args);
};

interface ChipProps {
  name: string;
  text: ReactNode;
  testId: string;
  /** Buttons after the text (remove); they don't start a drag. */
  extra?: ReactNode;
}

export function SortableChip({ name, text, testId, extra }: ChipProps) {
  const { t } = useTranslation('layouts');
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: itemId(name) });
  const style: CSSProperties = { transform: CSS.Translate.toString(transform), transition, opacity: isDragging ? 0.4 : 1 };
  return (
    <div ref={setNodeRef} style={style} data-testid={testId} data-name={name}>
      <Chip text={text} extra={extra} handle={<span {...attributes} {...listeners} aria-label={t('dragHandle', { name })} data-testid={`${testId}-handle`} style={{ cursor: 'grab', display: 'inline-flex' }}><HolderOutlined /></span>} />
    </div>
  );
}

export function Chip({ text, extra, handle }: { text: ReactNode; extra?: ReactNode; handle?: ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 6, padding: '4px 8px', background: '#fff', border: '1px solid #d9dde6', borderRadius: 4, minHeight: 32 }}>
      {handle ?? <HolderOutlined />}
      <span style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{text}</span>
      {extra}
    </div>
  );
}

interface BoxProps {
  container: string;
  items: string[];
  /** Chips a row: a form section's columns, or as many as fit (a list view's columns). */
  columns?: number;
  testId: string;
  empty: ReactNode;
  children: ReactNode;
}

export function DropBox({ container, items, columns, testId, empty, children }: BoxProps) {
  const { setNodeRef, isOver } = useDroppable({ id: containerId(container) });
  const grid: CSSProperties = columns
    ? { display: 'grid', gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gap: 8 }
    : { display: 'flex', flexWrap: 'wrap', gap: 8 };
  return (
    <SortableContext id={container} items={items.map(itemId)} strategy={rectSortingStrategy}>
      <div
        ref={setNodeRef}
        data-testid={testId}
        style={{ ...grid, minHeight: 48, padding: 8, borderRadius: 4, border: `1px dashed ${isOver ? '#1f5fbf' : '#d9dde6'}`, background: isOver ? '#f0f5ff' : '#fafbfc' }}
      >
        {items.length ? children : <span style={{ color: '#8c8c8c', alignSelf: 'center' }}>{empty}</span>}
      </div>
    </SortableContext>
  );
}

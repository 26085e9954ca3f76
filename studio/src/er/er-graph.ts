/**
 * The entity-relationship diagram as React Flow draws it: one node per object with its key fields, one edge per
 * lookup or master-detail field from the object that holds it to the object it points at, laid out left to right.
 */
import { MarkerType, type Edge, type Node } from '@xyflow/react';
import type { FieldDef, FieldType, Label, ObjectDoc } from '../../../metadata/src/types.ts';
import { autoLayout } from '../graph/auto-layout.ts';

export const RELATION_TYPES: readonly FieldType[] = ['lookup', 'master_detail'];
/** A node lists at most this many fields; the rest are counted. */
export const MAX_KEY_FIELDS = 8;

const NODE_WIDTH = 240;
const HEADER_HEIGHT = 44;
const ROW_HEIGHT = 24;

export interface KeyField {
  name: string;
  label: Label;
  type: FieldType;
  /** The object a lookup or master-detail field points at. */
  target?: string;
  required: boolean;
}

export interface ObjectNodeData extends Record<string, unknown> {
  name: string;
  label: Label;
  keyFields: KeyField[];
  /** Visible fields not listed. */
  more: number;
  focused: boolean;
}

export type ObjectNode = Node<ObjectNodeData, 'object'>;

export interface Relation {
  source: string;
  target: string;
  field: FieldDef;
}

/** Every lookup and master-detail field whose target is among the objects. */
export function relationsOf(objects: readonly ObjectDoc[]): Relation[] {
  const names = new Set(objects.map((o) => o.name));
  return objects.flatMap((object) => visibleFields(object)
    .filter((field) => RELATION_TYPES.includes(field.type) && field.target && names.has(field.target))
    .map((field) => ({ source: object.name, target: field.target!, field })));
}

/** The object and those it points at or that point at it. */
export function neighbourhood(relations: readonly Relation[], focus: string): Set<string> {
  const names = new Set([focus]);
  for (const { source, target } of relations) {
    if (source === focus) names.add(target);
    if (target === focus) names.add(source);
  }
  return names;
}

/** What a node lists: relations first (they explain the edges), then the title, required and unique fields. */
export function keyFieldsOf(object: ObjectDoc): { keyFields: KeyField[]; more: number } {
  const fields = visibleFields(object);
  const rank = (f: FieldDef) => (RELATION_TYPES.includes(f.type) ? 0 : f.name === (object.titleField ?? 'name') ? 1 : f.required || f.unique ? 2 : 3);
  const key = fields.filter((f) => rank(f) < 3).sort((a, b) => rank(a) - rank(b)).slice(0, MAX_KEY_FIELDS);
  return {
    keyFields: key.map((f) => ({ name: f.name, label: f.label, type: f.type, required: Boolean(f.required), ...(f.target ? { target: f.target } : {}) })),
    more: fields.length - key.length,
  };
}

export interface ErGraphOptions {
  /** Show only this object and its neighbours. */
  focus?: string;
  /** A label in the UI's language, for the edges. */
  text: (label: Label) => string;
}

export function erGraph(objects: readonly ObjectDoc[], { focus, text }: ErGraphOptions): { nodes: ObjectNode[]; edges: Edge[] } {
  const allRelations = relationsOf(objects);
  const shown = focus ? neighbourhood(allRelations, focus) : undefined;
  const visible = shown ? objects.filter((o) => shown.has(o.name)) : objects;
  const relations = shown ? allRelations.filter((r) => shown.has(r.source) && shown.has(r.target)) : allRelations;
  const boxes = visible.map((object) => ({ object, ...keyFieldsOf(object) }));
  const positions = autoLayout(
    boxes.map(({ object, keyFields, more }) => ({ id: object.name, width: NODE_WIDTH, height: nodeHeight(keyFields.length, more) })),
    relations,
    { direction: 'LR', nodeGap: 32, rankGap: 140 },
  );
  const nodes: ObjectNode[] = boxes.map(({ object, keyFields, more }) => ({
    id: object.name,
    type: 'object',
    position: positions.get(object.name)!,
    width: NODE_WIDTH,
    data: { name: object.name, label: object.label, keyFields, more, focused: object.name === focus },
  }));
  const edges: Edge[] = relations.map(({ source, target, field }) => ({
    id: `${source}.${field.name}`,
    source,
    target,
    label: `${text(field.label)} (${field.name})`,
    markerEnd: { type: MarkerType.ArrowClosed },
    style: field.type === 'master_detail' ? { strokeWidth: 2 } : { strokeDasharray: '6 4' },
    data: { field: field.name, type: field.type },
  }));
  return { nodes, edges };
}

const visibleFields = (object: ObjectDoc) => object.fields.filter((f) => !f.removed);

const nodeHeight = (rows: number, more: number) => HEADER_HEIGHT + (rows + (more ? 1 : 0)) * ROW_HEIGHT + 8;

/**
 * Where a field is used across the deployed documents, so a designer can say what a change would touch before it
 * is made: the object's own expressions, title and indexes, rollups reaching it from a parent, validation rules,
 * layouts, permission sets, sharing rules, templates, workflows and automations.
 */
import { collectVars } from './jsonlogic-vars.ts';
import { escapePointer } from './problem.ts';
import { scanTemplate } from './template-syntax.ts';
import type { DocKind, JsonLogic, MetadataDoc, ObjectDoc, Recipient, WorkflowAction, WorkflowNode } from './types.ts';

export interface FieldUsage {
  kind: DocKind;
  name: string;
  /** JSON pointer inside that document to where the field is named. */
  where: string;
}

/** The field a record path starts with: `dealer.name` reads the lookup `dealer`. */
const headOf = (path: string) => path.split('.')[0];

const FIELD_EXPRESSIONS = ['defaultExpression', 'requiredWhen', 'readOnlyWhen', 'visibleWhen', 'expression'] as const;

export function fieldUsages(documents: readonly MetadataDoc[], object: string, field: string): FieldUsage[] {
  const usages: FieldUsage[] = [];
  for (const doc of documents) {
    const found = (where: string) => usages.push({ kind: doc.kind, name: doc.name, where });
    const inLogic = (expr: JsonLogic, at: string) => {
      for (const v of collectVars(expr)) if (headOf(v.name) === field) found(`${at}${v.path}`);
    };
    const inList = (names: readonly string[] | undefined, at: string) =>
      names?.forEach((name, i) => name.replace(/^-/, '') === field && found(`${at}/${i}`));
    const inTemplate = (text: string | undefined, at: string) => {
      if (text !== undefined && scanTemplate(text).paths.some((path) => headOf(path) === field)) found(at);
    };

    switch (doc.kind) {
      case 'object':
        if (doc.name === object) ownObjectUsages(doc, field, found, inLogic);
        else rollupUsages(doc, object, field, found);
        break;
      case 'validationRule':
        if (doc.object !== object) break;
        if (doc.field === field) found('/field');
        inLogic(doc.errorWhen, '/errorWhen');
        for (const [locale, text] of Object.entries(doc.message)) inTemplate(text, `/message/${locale}`);
        break;
      case 'layout':
        if (doc.object !== object) break;
        doc.sections?.forEach((section, i) => inList(section.fields, `/sections/${i}/fields`));
        doc.listViews?.forEach((view, i) => {
          inList(view.columns, `/listViews/${i}/columns`);
          inList(view.sort, `/listViews/${i}/sort`);
          if (view.filter !== undefined) inLogic(view.filter, `/listViews/${i}/filter`);
        });
        break;
      case 'permissionSet':
        if (doc.fields?.[object]?.[field] !== undefined) found(`/fields/${escapePointer(object)}/${escapePointer(field)}`);
        break;
      case 'sharingRule':
        if (doc.object === object && doc.criteria !== undefined) inLogic(doc.criteria, '/criteria');
        break;
      case 'template':
        if (doc.object !== object) break;
        for (const part of ['subject', 'body'] as const) {
          for (const [locale, text] of Object.entries(doc[part])) inTemplate(text, `/${part}/${locale}`);
        }
        break;
      case 'workflow':
        if (doc.object !== object) break;
        if (doc.trigger.when !== undefined) inLogic(doc.trigger.when, '/trigger/when');
        doc.nodes.forEach((node, i) => nodeUsages(node, `/nodes/${i}`, field, found, inLogic, object));
        doc.edges.forEach((edge, i) => edge.when !== undefined && inLogic(edge.when, `/edges/${i}/when`));
        break;
      case 'automation':
        if (doc.object !== object) break;
        if (doc.trigger.on === 'fieldChange') inList(doc.trigger.fields, '/trigger/fields');
        if (doc.condition !== undefined) inLogic(doc.condition, '/condition');
        doc.actions.forEach((action, i) => actionUsages(action, `/actions/${i}`, field, found, inLogic, object));
        break;
      case 'role':
        break;
    }
  }
  return usages;
}

type Found = (where: string) => void;
type InLogic = (expr: JsonLogic, at: string) => void;

function ownObjectUsages(doc: ObjectDoc, field: string, found: Found, inLogic: InLogic): void {
  if (doc.titleField === field) found('/titleField');
  doc.fields.forEach((other, i) => {
    for (const key of FIELD_EXPRESSIONS) if (other[key] !== undefined) inLogic(other[key], `/fields/${i}/${key}`);
  });
  doc.indexes?.forEach((index, i) => index.fields.forEach((name, j) => name === field && found(`/indexes/${i}/fields/${j}`)));
}

/** A parent's rollup over this object names the lookup it follows (`via`) and the field it aggregates (`field`). */
function rollupUsages(doc: ObjectDoc, object: string, field: string, found: Found): void {
  doc.fields.forEach((parentField, i) => {
    if (parentField.type !== 'rollup' || parentField.of !== object) return;
    if (parentField.via === field) found(`/fields/${i}/via`);
    if (parentField.field === field) found(`/fields/${i}/field`);
  });
}

function nodeUsages(node: WorkflowNode, at: string, field: string, found: Found, inLogic: InLogic, object: string): void {
  approverUsages(node.approvers, `${at}/approvers`, field, found, inLogic);
  if (node.onTimeout && 'escalateTo' in node.onTimeout) approverUsages(node.onTimeout.escalateTo, `${at}/onTimeout/escalateTo`, field, found, inLogic);
  node.editableFields?.forEach((name, i) => name === field && found(`${at}/editableFields/${i}`));
  node.actions?.forEach((action, i) => actionUsages(action, `${at}/actions/${i}`, field, found, inLogic, object));
}

/** `managerOf` names a field holding a user, `accountUsers` one holding an account; `lookup` is an expression over the record. */
function approverUsages(approvers: Recipient | Recipient[] | undefined, at: string, field: string, found: Found, inLogic: InLogic): void {
  if (approvers === undefined) return;
  const each = Array.isArray(approvers) ? approvers.map((a, i) => [a, `${at}/${i}`] as const) : [[approvers, at] as const];
  for (const [approver, where] of each) {
    if ('managerOf' in approver && approver.managerOf === field) found(`${where}/managerOf`);
    if ('accountUsers' in approver && approver.accountUsers === field) found(`${where}/accountUsers`);
    if ('lookup' in approver) inLogic(approver.lookup, `${where}/lookup`);
  }
}

function actionUsages(action: WorkflowAction, at: string, field: string, found: Found, inLogic: InLogic, object: string): void {
  if ('update' in action) {
    for (const [name, value] of Object.entries(action.update)) {
      if (name === field) found(`${at}/update/${escapePointer(name)}`);
      inLogic(value, `${at}/update/${escapePointer(name)}`);
    }
  } else if ('create' in action) {
    for (const [name, value] of Object.entries(action.create.values)) {
      if (action.create.object === object && name === field) found(`${at}/create/values/${escapePointer(name)}`);
      inLogic(value, `${at}/create/values/${escapePointer(name)}`);
    }
  } else if ('notify' in action) {
    approverUsages(action.notify.to, `${at}/notify/to`, field, found, inLogic);
  }
}

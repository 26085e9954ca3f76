/**
 * Semantic checks of a `workflow` document: its graph (workflow-graph.ts), then what it names: the object,
 * the fields its conditions and actions use, the approvers, templates and other workflows. A problem about a
 * node points at it (`/nodes/3`, or the edge `/edges/2` leaving it) and names it in the message.
 */
import { BUILT_IN_ADMIN } from './check-access.ts';
import { checkExpressionTypes } from './check-expression-types.ts';
import { checkOperators } from './check-validation-rule.ts';
import { collectVars } from './jsonlogic-vars.ts';
import { checkName, isSystemField } from './names.ts';
import { inDocument, problem, unknownField, unknownObject } from './problem.ts';
import { COMPUTED_FIELD_TYPES, isReadFormula, type Approver, type JsonLogic, type ObjectDoc, type Problem, type Recipient,
  type WorkflowAction, type WorkflowDoc, type WorkflowNode } from './types.ts';
import { isKnownVar, liveField, type ObjectsByName } from './var-scope.ts';
import { atNode, checkWorkflowGraph } from './workflow-graph.ts';

export interface WorkflowScope {
  objects: ObjectsByName;
  roles: ReadonlySet<string>;
  templates: ReadonlySet<string>;
  workflows: ReadonlySet<string>;
}

/** Properties each node type may carry beyond id, type and label. */
const NODE_PROPERTIES: Record<WorkflowNode['type'], readonly string[]> = {
  start: [], end: [], condition: [], parallel: [], join: [],
  approval: ['approvers', 'mode', 'threshold', 'due', 'onTimeout', 'editableFields'],
  action: ['actions'],
};

export function checkWorkflow(doc: WorkflowDoc, scope: WorkflowScope): Problem[] {
  const object = scope.objects.get(doc.object);
  const problems = [...checkName(doc.name, '/name'), ...checkWorkflowGraph(doc)];
  if (!object) problems.push(unknownObject(doc.object));
  if (doc.taskTemplate !== undefined) problems.push(...checkTemplate(doc.taskTemplate, '/taskTemplate', scope));
  problems.push(...doc.nodes.flatMap((node, i) => checkNode(node, `/nodes/${i}`, object, scope)));
  if (object && doc.trigger.when !== undefined) problems.push(...checkExpression(doc.trigger.when, '/trigger/when', object, scope.objects));
  if (object) {
    doc.edges.forEach((edge, i) => {
      if (edge.when !== undefined) {
        problems.push(...checkExpression(edge.when, `/edges/${i}/when`, object, scope.objects).map((p) => atNode(edge.from, p)));
      }
    });
  }
  return inDocument(problems, doc);
}

function checkNode(node: WorkflowNode, path: string, object: ObjectDoc | undefined, scope: WorkflowScope): Problem[] {
  const allowed = NODE_PROPERTIES[node.type] ?? [];
  const problems = Object.keys(node)
    .filter((key) => !['id', 'type', 'label'].includes(key) && !allowed.includes(key))
    .map((key) => problem(`${path}/${key}`, 'property_not_for_type', `${node.type} 节点不能有 ${key}`, `a ${node.type} node can't have ${key}`));
  if (node.type === 'approval') problems.push(...checkApproval(node, path, object, scope));
  (node.actions ?? []).forEach((action, k) => problems.push(...checkAction(action, `${path}/actions/${k}`, object, scope)));
  return problems.map((p) => atNode(node.id, p));
}

function checkApproval(node: WorkflowNode, path: string, object: ObjectDoc | undefined, scope: WorkflowScope): Problem[] {
  const problems = [...checkApprovers(node.approvers, `${path}/approvers`, object, scope)];
  if (node.threshold !== undefined && node.mode !== 'percentage') {
    problems.push(problem(`${path}/threshold`, 'threshold_without_percentage', 'threshold 只用于 mode: percentage', 'threshold only goes with mode: percentage'));
  }
  if (node.onTimeout !== undefined && node.due === undefined) {
    problems.push(problem(`${path}/onTimeout`, 'timeout_without_due', 'onTimeout 需要 due（期限）', 'onTimeout needs due'));
  }
  if (node.onTimeout && 'escalateTo' in node.onTimeout) {
    problems.push(...checkApprovers(node.onTimeout.escalateTo, `${path}/onTimeout/escalateTo`, object, scope));
  }
  if (object) {
    (node.editableFields ?? []).forEach((name, k) => problems.push(...checkWritable(name, `${path}/editableFields/${k}`, object)));
  }
  return problems;
}

/** Roles must exist; `managerOf` names a text or lookup field holding a user (users are not an object yet). */
function checkApprovers(approvers: Approver | Approver[] | undefined, path: string, object: ObjectDoc | undefined, scope: WorkflowScope): Problem[] {
  if (approvers === undefined) return [];
  const list = Array.isArray(approvers) ? approvers : [approvers];
  const at = (k: number) => (Array.isArray(approvers) ? `${path}/${k}` : path);
  return list.flatMap((approver, k): Problem[] => {
    if ('role' in approver && approver.role !== BUILT_IN_ADMIN && !scope.roles.has(approver.role)) {
      return [problem(`${at(k)}/role`, 'unknown_role', `未知角色 ${approver.role}`, `unknown role ${approver.role}`)];
    }
    if ('managerOf' in approver && object) {
      const field = liveField(object, approver.managerOf);
      if (!field) return [unknownField(`${at(k)}/managerOf`, approver.managerOf, object.name)];
      if (field.type !== 'text' && field.type !== 'lookup') {
        return [problem(`${at(k)}/managerOf`, 'manager_field', `${field.name} 须是存放用户名的文本或查找字段`,
          `${field.name} must be a text or lookup field holding a user`)];
      }
    }
    if ('lookup' in approver && object) return checkExpression(approver.lookup, `${at(k)}/lookup`, object, scope.objects);
    return [];
  });
}

/** A notification's recipients: approvers, or `accountUsers` naming the record's link to a portal account. */
function checkRecipients(recipients: Recipient | Recipient[] | undefined, path: string, object: ObjectDoc | undefined, scope: WorkflowScope): Problem[] {
  if (recipients === undefined) return [];
  const list = Array.isArray(recipients) ? recipients : [recipients];
  const at = (k: number) => (Array.isArray(recipients) ? `${path}/${k}` : path);
  return list.flatMap((recipient, k) => ('accountUsers' in recipient
    ? checkAccountLink(recipient.accountUsers, `${at(k)}/accountUsers`, object, scope)
    : checkApprovers(recipient, at(k), object, scope)));
}

/** `id` on the portal-account object itself, else a lookup or master-detail field to that object. */
function checkAccountLink(name: string, path: string, object: ObjectDoc | undefined, scope: WorkflowScope): Problem[] {
  if (!object) return [];
  if (name === 'id') return object.access?.portalAccount ? [] : [notAccountLink(path, name)];
  const field = liveField(object, name);
  if (!field) return [unknownField(path, name, object.name)];
  const linksAccount = (field.type === 'lookup' || field.type === 'master_detail') && scope.objects.get(field.target ?? '')?.access?.portalAccount;
  return linksAccount ? [] : [notAccountLink(path, name)];
}

const notAccountLink = (path: string, name: string): Problem => problem(path, 'account_link',
  `${name} 须是指向门户账户对象（如经销商）的查找或主从字段，或门户账户对象自身的 id`,
  `${name} must be a lookup or master-detail field to the portal-account object (e.g. dealer), or id on that object itself`);

/** One action of an action node (or an automation) over records of `object`: what it writes, names and sends. */
export function checkAction(action: WorkflowAction, path: string, object: ObjectDoc | undefined, scope: WorkflowScope): Problem[] {
  if ('update' in action) return object ? checkValues(action.update, `${path}/update`, object, object, scope) : [];
  if ('create' in action) {
    const target = scope.objects.get(action.create.object);
    if (!target) return [unknownObject(action.create.object, `${path}/create/object`)];
    return object ? checkValues(action.create.values, `${path}/create/values`, target, object, scope) : [];
  }
  if ('notify' in action) {
    const problems = checkRecipients(action.notify.to, `${path}/notify/to`, object, scope);
    return [...problems, ...checkTemplate(action.notify.template, `${path}/notify/template`, scope)];
  }
  if ('webhook' in action && !isHttpUrl(action.webhook.url)) {
    return [problem(`${path}/webhook/url`, 'webhook_url', `${action.webhook.url} 不是完整的 http(s) 网址`,
      `${action.webhook.url} is not an absolute http(s) URL`)];
  }
  if ('startWorkflow' in action && !scope.workflows.has(action.startWorkflow)) {
    return [problem(`${path}/startWorkflow`, 'unknown_workflow', `未知流程 ${action.startWorkflow}`, `unknown workflow ${action.startWorkflow}`)];
  }
  return [];
}

function checkTemplate(name: string, path: string, scope: WorkflowScope): Problem[] {
  return scope.templates.has(name) ? [] : [problem(path, 'unknown_template', `未知模板 ${name}`, `unknown template ${name}`)];
}

/** The schema only asks for an `http(s)://` prefix; this also refuses what has no host or doesn't parse. */
function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Each key a writable field of `target`, each value JsonLogic over the workflow's record. */
function checkValues(values: Record<string, JsonLogic>, path: string, target: ObjectDoc, record: ObjectDoc, scope: WorkflowScope): Problem[] {
  return Object.entries(values).flatMap(([name, value]) => [
    ...checkWritable(name, `${path}/${name}`, target),
    ...checkExpression(value, `${path}/${name}`, record, scope.objects),
  ]);
}

function checkWritable(name: string, path: string, object: ObjectDoc): Problem[] {
  const field = liveField(object, name);
  if (!field) {
    return isSystemField(name)
      ? [problem(path, 'read_only_field', `${name} 是系统字段，不能修改`, `${name} is a system field and can't be written`)]
      : [unknownField(path, name, object.name)];
  }
  if (COMPUTED_FIELD_TYPES.has(field.type) || isReadFormula(field)) {
    return [problem(path, 'read_only_field', `${name} 由系统计算，不能修改`, `${name} is computed and can't be written`)];
  }
  return [];
}

/** The checks a validation rule's errorWhen gets: known fields and lookup paths, known operators, operand types. */
export function checkExpression(expr: JsonLogic, path: string, object: ObjectDoc, objects: ObjectsByName): Problem[] {
  return [
    ...collectVars(expr).filter((v) => !isKnownVar(v.name, object, objects)).map((v) => unknownField(`${path}${v.path}`, v.name, object.name)),
    ...checkOperators(expr, path),
    ...checkExpressionTypes(expr, path, object, objects),
  ];
}

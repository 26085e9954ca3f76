/**
 * Semantic checks of an `automation` document: the object, the trigger's fields or workflow, the condition (like a
 * rule's) and the actions (like a workflow action node's). Whether a schedule's cron parses and its condition runs
 * in the database are the engine's checks at deploy (engine/src/deploy/check-automations.ts).
 */
import { checkAction, checkExpression, type WorkflowScope } from './check-workflow.ts';
import { checkName } from './names.ts';
import { inDocument, problem, unknownField, unknownObject } from './problem.ts';
import type { AutomationDoc, ObjectDoc, Problem } from './types.ts';
import { liveField } from './var-scope.ts';

export interface AutomationScope extends WorkflowScope {
  /** Each workflow's object, by workflow name. */
  workflowObjects: ReadonlyMap<string, string>;
}

export function checkAutomation(doc: AutomationDoc, scope: AutomationScope): Problem[] {
  const object = scope.objects.get(doc.object);
  const problems = [...checkName(doc.name, '/name'), ...checkTrigger(doc, object, scope)];
  if (!object) problems.push(unknownObject(doc.object));
  if (object && doc.condition !== undefined) problems.push(...checkExpression(doc.condition, '/condition', object, scope.objects));
  doc.actions.forEach((action, i) => problems.push(...checkAction(action, `/actions/${i}`, object, scope)));
  return inDocument(problems, doc);
}

function checkTrigger(doc: AutomationDoc, object: ObjectDoc | undefined, scope: AutomationScope): Problem[] {
  const { trigger } = doc;
  if (trigger.on === 'fieldChange' && object) {
    return trigger.fields.flatMap((name, i) => (liveField(object, name) ? [] : [unknownField(`/trigger/fields/${i}`, name, object.name)]));
  }
  if (trigger.on === 'approval' && trigger.workflow !== undefined) {
    const workflowObject = scope.workflowObjects.get(trigger.workflow);
    if (workflowObject === undefined) {
      return [problem('/trigger/workflow', 'unknown_workflow', `未知流程 ${trigger.workflow}`, `unknown workflow ${trigger.workflow}`)];
    }
    if (workflowObject !== doc.object) {
      return [problem('/trigger/workflow', 'workflow_of_other_object', `流程 ${trigger.workflow} 审批的是 ${workflowObject}，不是 ${doc.object}`,
        `workflow ${trigger.workflow} approves ${workflowObject}, not ${doc.object}`)];
    }
  }
  return [];
}

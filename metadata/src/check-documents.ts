/** Checks a whole effective set of documents: shapes first, then what the documents say about each other. */
import { accessScope, checkObjectAccess, checkPermissionSet, checkRole, checkSharingRule, type AccessScope } from './check-access.ts';
import { checkAutomation, type AutomationScope } from './check-automation.ts';
import { checkLayout } from './check-layout.ts';
import { checkObject } from './check-object.ts';
import { checkTemplate } from './check-template.ts';
import { checkValidationRule } from './check-validation-rule.ts';
import { checkWorkflow } from './check-workflow.ts';
import { inDocument, problem } from './problem.ts';
import type { MetadataDoc, ObjectDoc, Problem, WorkflowDoc } from './types.ts';

/** Semantic problems of `docs`, which must already have the right shape. */
export function checkDocuments(docs: readonly MetadataDoc[]): Problem[] {
  const objects = new Map<string, ObjectDoc>();
  for (const doc of docs) if (doc.kind === 'object' && !objects.has(doc.name)) objects.set(doc.name, doc);
  const scope = accessScope(docs, objects);
  const workflowScope = workflowScopeOf(docs, scope);
  return [
    ...checkDuplicates(docs),
    ...docs.flatMap((doc) => checkDocument(doc, scope, workflowScope)),
  ];
}

/** What workflows and automations may name: objects, roles, templates and workflows (with their objects). */
function workflowScopeOf(docs: readonly MetadataDoc[], scope: AccessScope): AutomationScope {
  const names = (kind: MetadataDoc['kind']) => new Set(docs.filter((d) => d.kind === kind).map((d) => d.name));
  const workflowObjects = new Map(docs.filter((d): d is WorkflowDoc => d.kind === 'workflow').map((d) => [d.name, d.object]));
  return { objects: scope.objects, roles: new Set(scope.roles.keys()), templates: names('template'), workflows: names('workflow'), workflowObjects };
}

function checkDocument(doc: MetadataDoc, scope: AccessScope, workflowScope: AutomationScope): Problem[] {
  const { objects } = scope;
  switch (doc.kind) {
    case 'object': return [...checkObject(doc, objects), ...inDocument(checkObjectAccess(doc, objects), doc)];
    case 'validationRule': return checkValidationRule(doc, objects);
    case 'layout': return checkLayout(doc, objects);
    case 'role': return checkRole(doc, scope);
    case 'permissionSet': return checkPermissionSet(doc, scope);
    case 'sharingRule': return checkSharingRule(doc, scope);
    case 'template': return checkTemplate(doc, objects);
    case 'workflow': return checkWorkflow(doc, workflowScope);
    case 'automation': return checkAutomation(doc, workflowScope);
  }
}

function checkDuplicates(docs: readonly MetadataDoc[]): Problem[] {
  const seen = new Set<string>();
  return docs.flatMap((doc) => {
    if (!seen.has(key(doc))) { seen.add(key(doc)); return []; }
    return inDocument([problem('/name', 'duplicate_document',
      `${doc.kind} ${doc.name} 出现了不止一次`, `${doc.kind} ${doc.name} appears more than once`)], doc);
  });
}

function key(doc: Pick<MetadataDoc, 'kind' | 'name'>): string {
  return `${doc.kind}:${doc.name}`;
}

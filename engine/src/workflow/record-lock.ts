/**
 * A record pending approval is locked: edits and deletes are refused with a message naming the workflow and the
 * step, except by admins (and the workflow's own actions, which write with the engine's rights) and by an approver
 * now deciding a step that lets its approvers change some fields, for those fields only.
 */
import type { Knex } from 'knex';
import { COMPUTED_FIELD_TYPES, type WorkflowDoc } from '../../../metadata/src/types.ts';
import { QudaoError } from '../errors/catalog.ts';
import type { RecordLock } from '../records/record-service.ts';
import type { Registry } from '../registry.ts';
import { ADMIN_ROLE } from '../security/principal.ts';

const NOT_PENDING = `NOT EXISTS (SELECT 1 FROM qd_workflow_instances WHERE object = ? AND record_id = ?::uuid AND status = 'pending')`;

export function approvalLock(registry: Pick<Registry, 'documents'>): RecordLock {
  return {
    async assertWritable(db, object, current, changed, ctx) {
      if (ctx.principal.role === ADMIN_ROLE) return undefined;
      if (!registry.documents('workflow').some((d) => (d as WorkflowDoc).object === object.name)) return undefined;
      const instance = await db('qd_workflow_instances').where({ object: object.name, record_id: current.id as string, status: 'pending' })
        .first('id', 'definition');
      // A submission committing between this check and the write makes the write miss, and the retry sees the lock.
      if (!instance) return { sql: NOT_PENDING, bindings: [object.name, current.id as string] };
      // Computed fields follow the fields written; only what the writer sets needs a permission.
      const set = changed.filter((name) => !COMPUTED_FIELD_TYPES.has(object.fields.get(name)?.type ?? 'text'));
      const editable = await editableNow(db, instance, ctx.principal.userId);
      const refused = set.filter((name) => !editable.has(name));
      if (refused.length) throw locked(instance.definition, await activeSteps(db, instance), refused);
      return undefined;
    },
  };
}

/** The fields the steps this user is deciding now let their approvers change. */
async function editableNow(db: Knex, instance: { id: string; definition: WorkflowDoc }, userId: string): Promise<Set<string>> {
  const nodes: string[] = await db('qd_workflow_tasks as t').join('qd_workflow_steps as s', 's.id', 't.step_id')
    .where({ 't.instance_id': instance.id, 't.assignee_id': userId, 't.status': 'pending' }).pluck('s.node');
  return new Set(instance.definition.nodes.filter((n) => nodes.includes(n.id)).flatMap((n) => n.editableFields ?? []));
}

async function activeSteps(db: Knex, instance: { id: string; definition: WorkflowDoc }): Promise<{ 'zh-CN': string; en: string }> {
  const nodes: string[] = await db('qd_workflow_steps').where({ instance_id: instance.id, status: 'active' }).pluck('node');
  const labels = instance.definition.nodes.filter((n) => nodes.includes(n.id)).map((n) => n.label ?? { 'zh-CN': n.id, en: n.id });
  return { 'zh-CN': labels.map((l) => l['zh-CN']).join('、'), en: labels.map((l) => l.en).join(', ') };
}

function locked(workflow: WorkflowDoc, steps: { 'zh-CN': string; en: string }, fields: string[]): QudaoError {
  return new QudaoError(
    'RECORD_LOCKED',
    fields.map((field) => ({ field, rule: 'locked', message: { 'zh-CN': `审批中不能修改 ${field}`, en: `${field} can't be changed while pending approval` } })),
    {
      'zh-CN': `记录正在「${workflow.label['zh-CN']}」审批中（当前步骤：${steps['zh-CN'] || '—'}），审批结束或撤回前不能修改`,
      en: `the record is pending "${workflow.label.en}" (now at: ${steps.en || '—'}); it can't be changed until the approval ends or is recalled`,
    },
  );
}

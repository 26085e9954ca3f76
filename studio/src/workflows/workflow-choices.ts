/** What the side panel offers to pick from: roles, internal users, templates and the other workflows. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../runtime-ui/src/api/client.ts';
import type { FieldDef, ObjectDoc } from '../../../metadata/src/types.ts';
import { COMPUTED_FIELD_TYPES, isReadFormula } from '../../../metadata/src/types.ts';
import { useDocuments } from '../api/queries.ts';
import { pick } from '../i18n/index.ts';

interface UserChoice {
  username: string;
  displayName: string;
}

/** Approvers are active internal users; the users API needs the `users` right, which an admin has. */
export const useInternalUsers = () => useQuery({
  queryKey: ['users', 'internal'],
  queryFn: () => api<{ data: UserChoice[] }>('/api/users?kind=internal&active=true&limit=200').then((answer) => answer.data),
  retry: false,
});

export interface Option {
  value: string;
  label: string;
}

export const roleOptions = (roles: { name: string; label: { 'zh-CN': string; en: string } }[] = []): Option[] =>
  roles.map((role) => ({ value: role.name, label: `${pick(role.label)} (${role.name})` }));

export function useRoleOptions(): Option[] {
  return roleOptions(useDocuments('role').data);
}

export function useUserOptions(): { options: Option[]; failed: boolean } {
  const users = useInternalUsers();
  return { options: (users.data ?? []).map((u) => ({ value: u.username, label: `${u.displayName} (${u.username})` })), failed: Boolean(users.error) };
}

/** Templates of the workflow's object, and those of no object. */
export function useTemplateOptions(object: string): Option[] {
  return (useDocuments('template').data ?? [])
    .filter((template) => !template.object || template.object === object)
    .map((template) => ({ value: template.name, label: `${pick(template.label)} (${template.name})` }));
}

export function useWorkflowOptions(except: string): Option[] {
  return (useDocuments('workflow').data ?? [])
    .filter((workflow) => workflow.name !== except)
    .map((workflow) => ({ value: workflow.name, label: `${pick(workflow.label)} (${workflow.name})` }));
}

const liveFields = (object: ObjectDoc | undefined) => (object?.fields ?? []).filter((field) => !field.removed);

export const fieldOption = (field: FieldDef): Option => ({ value: field.name, label: `${pick(field.label)} (${field.name})` });

/** Fields an approval step or an update action may write: stored, not computed. */
export const writableFields = (object: ObjectDoc | undefined): FieldDef[] =>
  liveFields(object).filter((field) => !COMPUTED_FIELD_TYPES.has(field.type) && !isReadFormula(field));

/** Fields that can link a record to a portal account, whose portal users a notification may go to (the deploy checks the target). */
export const accountLinkFields = (object: ObjectDoc | undefined): FieldDef[] =>
  liveFields(object).filter((field) => field.type === 'lookup' || field.type === 'master_detail');

/** Fields that can hold the user whose manager approves. */
export const userFields = (object: ObjectDoc | undefined): FieldDef[] =>
  liveFields(object).filter((field) => field.type === 'text' || field.type === 'lookup');

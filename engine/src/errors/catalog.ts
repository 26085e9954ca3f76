import type { Label, Locale, Problem } from '../../../metadata/src/types.ts';

/** One error of a request, attached to a field of the payload (or a path inside a document). */
export interface FieldError {
  field: string;
  rule: string;
  message: Label;
}

interface CatalogEntry {
  status: number;
  title: Label;
}

/** Every error the API can answer with. Callers branch on the code, never on message text. */
export const ERROR_CATALOG = {
  OBJECT_NOT_FOUND: { status: 404, title: { 'zh-CN': '对象不存在', en: 'Object not found' } },
  RECORD_NOT_FOUND: { status: 404, title: { 'zh-CN': '记录不存在', en: 'Record not found' } },
  DOCUMENT_NOT_FOUND: { status: 404, title: { 'zh-CN': '元数据文档不存在', en: 'Metadata document not found' } },
  RECORD_INVALID: { status: 422, title: { 'zh-CN': '记录校验未通过', en: 'The record is not valid' } },
  METADATA_INVALID: { status: 422, title: { 'zh-CN': '元数据校验未通过', en: 'The metadata is not valid' } },
  LOSSY_CHANGE: {
    status: 422,
    title: { 'zh-CN': '变更可能丢失数据，需强制执行', en: 'The change may lose data and needs force' },
  },
  DEPLOY_FAILED: { status: 422, title: { 'zh-CN': '部署失败，未做任何更改', en: 'The deploy failed; nothing was changed' } },
  VERSION_CONFLICT: {
    status: 409,
    title: { 'zh-CN': '记录已被他人修改，请刷新后重试', en: 'The record was changed by someone else; reload and retry' },
  },
  PLUGIN_INVALID: { status: 422, title: { 'zh-CN': '插件包无效', en: 'The plugin package is not valid' } },
  PLUGIN_NOT_FOUND: { status: 404, title: { 'zh-CN': '插件不存在或未安装', en: 'No such plugin, or it is not installed' } },
  PLUGIN_STATE: { status: 409, title: { 'zh-CN': '插件当前状态不允许此操作', en: 'The plugin is not in a state that allows this' } },
  PLUGIN_CONFLICT: {
    status: 422,
    title: { 'zh-CN': '升级与现有定制冲突，未做任何更改', en: 'The upgrade conflicts with customizations; nothing was changed' },
  },
  RECORD_LOCKED: {
    status: 409,
    title: { 'zh-CN': '记录正在审批中，已锁定', en: 'The record is locked while it is pending approval' },
  },
  WORKFLOW_NOT_FOUND: { status: 404, title: { 'zh-CN': '没有可用的审批流程', en: 'No approval workflow applies' } },
  WORKFLOW_INVALID: { status: 422, title: { 'zh-CN': '审批流程无法继续', en: 'The approval cannot proceed' } },
  WORKFLOW_STATE: { status: 409, title: { 'zh-CN': '审批当前状态不允许此操作', en: 'The approval is not in a state that allows this' } },
  APPROVAL_TASK_NOT_FOUND: { status: 404, title: { 'zh-CN': '审批任务不存在', en: 'No such approval task' } },
  ACTION_NOT_FOUND: { status: 404, title: { 'zh-CN': '操作不存在', en: 'No such action' } },
  ACTION_NOT_OFFERED: { status: 422, title: { 'zh-CN': '该记录当前不能执行此操作', en: 'The action is not offered for this record now' } },
  ACTION_INVALID: { status: 422, title: { 'zh-CN': '操作的输入无效，未做任何更改', en: "The action's input is not valid; nothing was changed" } },
  UNAUTHENTICATED: { status: 401, title: { 'zh-CN': '请先登录', en: 'Authentication required' } },
  LOGIN_FAILED: { status: 401, title: { 'zh-CN': '用户名或密码错误', en: 'Wrong user name or password' } },
  LOCKED: {
    status: 423,
    title: { 'zh-CN': '登录失败次数过多，账号已暂时锁定', en: 'Too many failed logins; the account is locked for a while' },
  },
  FORBIDDEN: { status: 403, title: { 'zh-CN': '没有执行此操作的权限', en: 'You are not allowed to do this' } },
  CSRF_INVALID: {
    status: 403,
    title: { 'zh-CN': '缺少或错误的 CSRF 令牌（x-csrf-token）', en: 'Missing or wrong CSRF token (x-csrf-token)' },
  },
  RATE_LIMITED: { status: 429, title: { 'zh-CN': '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' } },
  USER_INVALID: { status: 422, title: { 'zh-CN': '用户信息校验未通过', en: 'The user data is not valid' } },
  USER_NOT_FOUND: { status: 404, title: { 'zh-CN': '用户不存在', en: 'User not found' } },
  NOTIFICATION_NOT_FOUND: { status: 404, title: { 'zh-CN': '通知不存在', en: 'Notification not found' } },
  JOB_NOT_FOUND: { status: 404, title: { 'zh-CN': '失败任务不存在', en: 'No such failed job' } },
  WORK_NOT_FOUND: { status: 404, title: { 'zh-CN': '后台任务不存在', en: 'No such background work' } },
  WORK_ID_TAKEN: { status: 409, title: { 'zh-CN': '任务编号已被使用', en: 'The work id is already in use' } },
  WEBHOOK_DELIVERY_NOT_FOUND: { status: 404, title: { 'zh-CN': 'Webhook 投递不存在', en: 'No such webhook delivery' } },
  WEBHOOK_DELIVERY_STATE: {
    status: 409,
    title: { 'zh-CN': 'Webhook 投递当前状态不允许此操作', en: 'The webhook delivery is not in a state that allows this' },
  },
  TOKEN_NOT_FOUND: { status: 404, title: { 'zh-CN': 'API 令牌不存在', en: 'API token not found' } },
  BAD_REQUEST: { status: 400, title: { 'zh-CN': '请求无效', en: 'Bad request' } },
  FILTER_INVALID: { status: 400, title: { 'zh-CN': '筛选条件无效', en: 'The filter is not valid' } },
  ROUTE_NOT_FOUND: { status: 404, title: { 'zh-CN': '路径不存在', en: 'No such route' } },
  LETTER_INVALID: { status: 422, title: { 'zh-CN': '授权书请求无效，未做任何更改', en: 'The letter request is not valid; nothing was changed' } },
  LETTER_NOT_FOUND: { status: 404, title: { 'zh-CN': '授权书不存在', en: 'No such letter' } },
  LETTER_LINK_UNAVAILABLE: { status: 409, title: { 'zh-CN': '这份授权书没有可提供的验证链接', en: 'This letter has no verification link to give' } },
  FILE_NOT_FOUND: { status: 404, title: { 'zh-CN': '文件不存在', en: 'File not found' } },
  FILE_TOO_LARGE: { status: 413, title: { 'zh-CN': '文件过大', en: 'The file is too large' } },
  FILE_TYPE_REFUSED: {
    status: 415,
    title: { 'zh-CN': '文件内容与其声明的类型不符', en: 'The file\'s content does not match the type it claims' },
  },
  PAYLOAD_TOO_LARGE: { status: 413, title: { 'zh-CN': '请求体过大', en: 'The request body is too large' } },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: { 'zh-CN': '不支持的内容类型', en: 'Unsupported content type' } },
  NOT_READY: { status: 503, title: { 'zh-CN': '服务尚未就绪', en: 'The service is not ready' } },
  INTERNAL: { status: 500, title: { 'zh-CN': '服务器内部错误', en: 'Internal server error' } },
} as const satisfies Record<string, CatalogEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

/** The one error type the engine throws for a request that can't be served; the HTTP layer renders it. */
export class QudaoError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly errors: FieldError[] = [],
    readonly detail?: Label,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(`${code}${errors.length ? `: ${errors.map((e) => `${e.field} ${e.rule}`).join(', ')}` : ''}${detail ? ` (${detail.en})` : ''}`);
    this.status = ERROR_CATALOG[code].status;
  }
}

export function problemsToFieldErrors(problems: Problem[]): FieldError[] {
  return problems.map((p) => ({
    field: p.document ? `${p.document.kind}:${p.document.name}${p.path}` : p.path,
    rule: p.code,
    message: p.message,
  }));
}

export interface ProblemJson {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  errors: { field: string; rule: string; message: string }[];
  [extra: string]: unknown;
}

export function toProblemJson(error: QudaoError, locale: Locale, instance?: string): ProblemJson {
  const entry = ERROR_CATALOG[error.code];
  return {
    type: `https://qudao.dev/problems/${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: entry.title[locale],
    status: entry.status,
    code: error.code,
    ...(error.detail ? { detail: error.detail[locale] } : {}),
    ...(instance ? { instance } : {}),
    errors: error.errors.map((e) => ({ field: e.field, rule: e.rule, message: e.message[locale] })),
    ...error.extra,
  };
}

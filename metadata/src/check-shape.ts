/** Shape checks: a document against the JSON Schema of its kind, ajv errors turned into Problems. */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { NAME_PATTERN } from './names.ts';
import { escapePointer, problem } from './problem.ts';
import { automationSchema, CRON_PATTERN } from './schemas/automation.schema.ts';
import { permissionSetSchema, roleSchema, sharingRuleSchema } from './schemas/access.schema.ts';
import { layoutSchema } from './schemas/layout.schema.ts';
import { objectSchema } from './schemas/object.schema.ts';
import { templateSchema } from './schemas/template.schema.ts';
import { pluginSchema } from './schemas/plugin.schema.ts';
import { validationRuleSchema } from './schemas/validation-rule.schema.ts';
import { workflowSchema } from './schemas/workflow.schema.ts';
import { DOC_KINDS, type DocKind, type Layer, type Problem } from './types.ts';

const SCHEMAS: Record<DocKind, object> = {
  object: objectSchema,
  validationRule: validationRuleSchema,
  layout: layoutSchema,
  role: roleSchema,
  permissionSet: permissionSetSchema,
  sharingRule: sharingRuleSchema,
  template: templateSchema,
  workflow: workflowSchema,
  automation: automationSchema,
};

/** Arrays of named items, which a custom layer merges by name (merge-layers.ts). */
const NAMED_ITEMS = ['fields', 'sections', 'listViews'];

const ajv = new Ajv({ allErrors: true, strict: true });
const validators = new Map<string, ValidateFunction>();

/**
 * Problems of the document's shape. A custom-layer document overlays a base document, so it may be partial:
 * only `kind` and `name` are required at the top and only `name` on each field, section or list view.
 */
export function checkDocumentShape(doc: unknown, layer: Layer = 'base'): Problem[] {
  if (!isPlainObject(doc)) {
    return [problem('', 'wrong_type', '文档须为 JSON 对象', 'a document must be a JSON object')];
  }
  if (!('kind' in doc)) return [missingProperty('', 'kind')];
  const kind = doc.kind;
  if (typeof kind !== 'string' || !(DOC_KINDS as readonly string[]).includes(kind)) {
    return [notAllowed('/kind', 'kind', DOC_KINDS)];
  }
  const validate = validatorFor(kind as DocKind, layer);
  return validate(doc) ? [] : (validate.errors ?? []).filter(isNotIf).map(toProblem);
}

/** An `if` error only says its `then` failed, whose own errors name what is wrong. */
const isNotIf = (error: ErrorObject) => error.keyword !== 'if';

/** Problems of a plugin's manifest (plugin.json), worded like a document's. */
export function checkPluginManifestShape(manifest: unknown): Problem[] {
  let validate = validators.get('plugin');
  if (!validate) {
    validate = ajv.compile(pluginSchema);
    validators.set('plugin', validate);
  }
  return validate(manifest) ? [] : (validate.errors ?? []).map(toProblem);
}

function validatorFor(kind: DocKind, layer: Layer): ValidateFunction {
  const key = `${layer}:${kind}`;
  let validate = validators.get(key);
  if (!validate) {
    const schema = layer === 'base' ? SCHEMAS[kind] : partialSchema(SCHEMAS[kind]);
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  return validate;
}

function partialSchema(schema: object): object {
  const copy = structuredClone(schema) as { required: string[]; properties: Record<string, any> };
  copy.required = ['kind', 'name'];
  for (const key of NAMED_ITEMS) {
    const items = copy.properties[key]?.items;
    if (items) items.required = ['name'];
  }
  return copy;
}

function toProblem(error: ErrorObject): Problem {
  const path = error.instancePath;
  const key = lastKey(path);
  const p = error.params as Record<string, any>;
  switch (error.keyword) {
    case 'additionalProperties': return unknownProperty(`${path}/${escapePointer(p.additionalProperty)}`, p.additionalProperty);
    case 'required': return missingProperty(path, p.missingProperty);
    case 'type': return problem(path, 'wrong_type', `${key} 的类型须为 ${p.type}`, `${key} must be of type ${p.type}`);
    case 'enum': return notAllowed(path, key, p.allowedValues);
    case 'const': return notAllowed(path, key, [p.allowedValue]);
    case 'pattern': return badPattern(path, key, p.pattern);
    case 'minLength': return problem(path, 'empty_value', `${key} 不能为空`, `${key} must not be empty`);
    case 'minItems': return problem(path, 'too_few_items', `${key} 至少需要 ${p.limit} 项`, `${key} needs at least ${p.limit} item(s)`);
    case 'maxItems': return problem(path, 'too_many_items', `${key} 最多 ${p.limit} 项`, `${key} takes at most ${p.limit} item(s)`);
    case 'minimum': return problem(path, 'too_small', `${key} 不能小于 ${p.limit}`, `${key} must be at least ${p.limit}`);
    case 'maximum': return problem(path, 'too_large', `${key} 不能大于 ${p.limit}`, `${key} must be at most ${p.limit}`);
    default: return problem(path, 'invalid_value', `${key} 无效：${error.message}`, `${key} is invalid: ${error.message}`);
  }
}

function badPattern(path: string, key: string, pattern: string): Problem {
  if (pattern === NAME_PATTERN.source) {
    return problem(path, 'bad_name',
      `${key} 须以小写字母开头，只含小写字母、数字和下划线，最长 48 个字符`,
      `${key} must start with a lowercase letter and contain only a-z, 0-9 and _, at most 48 characters`);
  }
  if (pattern === CRON_PATTERN.source) {
    return problem(path, 'bad_cron', `${key} 须是 5 段的 cron 表达式（分 时 日 月 周），如 "0 8 * * *"`,
      `${key} must be a 5-field cron expression (minute hour day month weekday), e.g. "0 8 * * *"`);
  }
  return problem(path, 'bad_format', `${key} 须匹配 ${pattern}`, `${key} must match ${pattern}`);
}

function unknownProperty(path: string, key: string): Problem {
  return problem(path, 'unknown_property', `未知属性 ${key}`, `unknown property ${key}`);
}

function missingProperty(path: string, key: string): Problem {
  return problem(`${path}/${escapePointer(key)}`, 'missing_property', `缺少必填属性 ${key}`, `missing required property ${key}`);
}

function notAllowed(path: string, key: string, allowed: readonly unknown[]): Problem {
  const list = allowed.map((v) => JSON.stringify(v)).join(', ');
  return problem(path, 'not_allowed_value', `${key} 的取值须为以下之一：${list}`, `${key} must be one of: ${list}`);
}

function lastKey(path: string): string {
  const key = path.slice(path.lastIndexOf('/') + 1).replace(/~1/g, '/').replace(/~0/g, '~');
  return key === '' ? 'document' : key;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

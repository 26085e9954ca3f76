/**
 * The handlebars subset of `template` documents, shared by the metadata checks and the engine's renderer:
 * record paths, the fixed helpers, `if` / `unless`. No partials, decorators, `@data`, `../`, `each`, `with`,
 * `lookup` or `log`: what a template can name is then exactly the paths it spells out.
 */
import Handlebars from 'handlebars';

/** The helpers a template may call (engine/src/notifications/render.ts implements them). */
export const TEMPLATE_HELPERS = ['date', 'money', 'link', 'label'] as const;
export const TEMPLATE_BLOCKS = ['if', 'unless'] as const;

export type TemplateIssue =
  | { code: 'template_syntax'; detail: string }
  | { code: 'unknown_helper'; name: string }
  | { code: 'partial_not_allowed' }
  | { code: 'bad_path'; name: string }
  | { code: 'bad_helper_call'; name: string };

export interface TemplateScan {
  /** Record paths the template reads, e.g. `amount`, `account.name`. */
  paths: string[];
  /** Object names given to `link` as its first argument. */
  linkedObjects: string[];
  issues: TemplateIssue[];
}

type Node = { type: string; [key: string]: any };

/** Parses without compiling (parse never runs code) and lists what the template names. */
export function scanTemplate(template: unknown): TemplateScan {
  const scan: TemplateScan = { paths: [], linkedObjects: [], issues: [] };
  if (typeof template !== 'string') {
    scan.issues.push({ code: 'template_syntax', detail: 'not a string' });
    return scan;
  }
  let ast: Node;
  try {
    ast = Handlebars.parse(template) as unknown as Node;
  } catch (error) {
    scan.issues.push({ code: 'template_syntax', detail: String((error as Error).message).split('\n')[0] });
    return scan;
  }
  visitProgram(ast, scan);
  return scan;
}

function visitProgram(program: Node | undefined, scan: TemplateScan): void {
  for (const node of program?.body ?? []) visitStatement(node, scan);
}

function visitStatement(node: Node, scan: TemplateScan): void {
  switch (node.type) {
    case 'ContentStatement':
    case 'CommentStatement':
      return;
    case 'MustacheStatement': return visitCall(node, scan, false);
    case 'BlockStatement':
      visitCall(node, scan, true);
      visitProgram(node.program, scan);
      visitProgram(node.inverse, scan);
      return;
    default: // partials, partial blocks, decorators
      scan.issues.push({ code: 'partial_not_allowed' });
  }
}

function visitCall(node: Node, scan: TemplateScan, block: boolean): void {
  const path = node.path as Node;
  const params = (node.params ?? []) as Node[];
  const hasHash = (node.hash?.pairs?.length ?? 0) > 0;
  if (path.type !== 'PathExpression') { scan.issues.push({ code: 'bad_path', name: String(path.original ?? path.value) }); return; }
  const name = String(path.original);
  if (block) {
    if (!(TEMPLATE_BLOCKS as readonly string[]).includes(name)) { scan.issues.push({ code: 'unknown_helper', name }); return; }
    if (params.length !== 1 || hasHash) { scan.issues.push({ code: 'bad_helper_call', name }); return; }
    visitValue(params[0], scan);
    return;
  }
  if ((TEMPLATE_HELPERS as readonly string[]).includes(name)) return visitHelper(name, params, hasHash, scan);
  if (params.length > 0 || hasHash) { scan.issues.push({ code: 'unknown_helper', name }); return; }
  visitValue(path, scan);
}

function visitHelper(name: string, params: Node[], hasHash: boolean, scan: TemplateScan): void {
  const bad = () => scan.issues.push({ code: 'bad_helper_call', name });
  if (hasHash) return void bad();
  if (name === 'link') {
    if (params.length === 0) return;
    if (params.length !== 2 || params[0].type !== 'StringLiteral' || params[1].type !== 'PathExpression') return void bad();
    scan.linkedObjects.push(String(params[0].value));
    return visitValue(params[1], scan);
  }
  const [value, style, ...rest] = params;
  if (!value || rest.length > 0 || (name !== 'date' && style) || (name === 'label' && value.type !== 'PathExpression')) return void bad();
  if (style && !(style.type === 'StringLiteral' && (style.value === 'date' || style.value === 'datetime'))) return void bad();
  visitValue(value, scan);
}

/** A value is a record path, or a literal. */
function visitValue(node: Node, scan: TemplateScan): void {
  if (node.type === 'SubExpression') { scan.issues.push({ code: 'unknown_helper', name: String(node.path?.original) }); return; }
  if (node.type !== 'PathExpression') return; // string, number, boolean, null, undefined literals
  const parts = node.parts as string[];
  if (node.data || node.depth > 0 || parts.length === 0 || String(node.original).startsWith('this') || parts.some((p) => !/^[a-z][a-z0-9_]*$/.test(p))) {
    scan.issues.push({ code: 'bad_path', name: String(node.original) });
    return;
  }
  scan.paths.push(parts.join('.'));
}

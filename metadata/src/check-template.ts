/** Semantic checks of a `template` document: its object, and what each of its handlebars texts names. */
import { checkName } from './names.ts';
import { inDocument, problem, unknownObject } from './problem.ts';
import { scanTemplate, TEMPLATE_BLOCKS, TEMPLATE_HELPERS, type TemplateIssue } from './template-syntax.ts';
import { LOCALES, type ObjectDoc, type Problem, type TemplateDoc } from './types.ts';
import { isKnownVar, type ObjectsByName } from './var-scope.ts';

/** A path may go through at most two lookups: `field`, `ref.field`, `ref.ref.field`. */
const MAX_PATH_PARTS = 3;

export function checkTemplate(doc: TemplateDoc, objects: ObjectsByName): Problem[] {
  const object = doc.object === undefined ? undefined : objects.get(doc.object);
  const problems: Problem[] = [...checkName(doc.name, '/name')];
  if (doc.object !== undefined && !object) problems.push(unknownObject(doc.object));
  for (const part of ['subject', 'body'] as const) {
    for (const locale of LOCALES) {
      problems.push(...checkText(doc[part]?.[locale], `/${part}/${locale}`, doc, object, objects));
    }
  }
  return inDocument(problems, doc);
}

function checkText(text: unknown, path: string, doc: TemplateDoc, object: ObjectDoc | undefined, objects: ObjectsByName): Problem[] {
  const scan = scanTemplate(text);
  const problems = scan.issues.map((issue) => issueProblem(issue, path));
  for (const name of scan.paths) {
    if (doc.object === undefined) {
      problems.push(problem(path, 'no_object', `模板未指定对象，不能引用 ${name}`, `the template names no object, so it can't use ${name}`));
    } else if (object && (name.split('.').length > MAX_PATH_PARTS || !isKnownVar(name, object, objects))) {
      problems.push(problem(path, 'unknown_field', `对象 ${object.name} 没有字段或查找路径 ${name}`, `object ${object.name} has no field or lookup path ${name}`));
    }
  }
  for (const name of scan.linkedObjects) if (!objects.has(name)) problems.push(unknownObject(name, path));
  return problems;
}

function issueProblem(issue: TemplateIssue, path: string): Problem {
  const helpers = [...TEMPLATE_HELPERS, ...TEMPLATE_BLOCKS].join(', ');
  switch (issue.code) {
    case 'template_syntax': return problem(path, 'template_syntax', `模板无法解析：${issue.detail}`, `the template does not parse: ${issue.detail}`);
    case 'unknown_helper': return problem(path, 'unknown_helper', `未知的助手 ${issue.name}（可用：${helpers}）`, `unknown helper ${issue.name} (known: ${helpers})`);
    case 'partial_not_allowed': return problem(path, 'partial_not_allowed', '模板不能使用局部模板或修饰器', 'a template may not use partials or decorators');
    case 'bad_path': return problem(path, 'bad_path', `不允许的路径 ${issue.name}（只能引用记录字段）`, `path ${issue.name} is not allowed (only record fields)`);
    case 'bad_helper_call': return problem(path, 'bad_helper_call', `助手 ${issue.name} 的参数不正确`, `wrong arguments for helper ${issue.name}`);
  }
}

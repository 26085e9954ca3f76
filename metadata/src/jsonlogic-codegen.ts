/**
 * Compiles a JsonLogic expression into one JavaScript function, with json-logic-js's semantics (and the hardened,
 * own-property `var`). Browser-safe.
 *
 * The source handed to `new Function` is built only from this module's own templates: every value taken from the
 * expression is either a JSON literal written by `JSON.stringify` or an entry of a constant table, and operator
 * names never become code (they select a template, or are looked up in the operator registry at call time). So no
 * user string is ever evaluated; the generated code is what a person would write for the rule by hand.
 */
import { inOp, ownVar, isInterpretedOperator, STANDARD_FUNCTIONS, truthy } from './jsonlogic-standard.ts';

export type Compiled = (data: unknown) => unknown;

/** What generated code calls at run time. */
export interface CodegenRuntime {
  /** The reference interpreter, for map, filter, reduce, missing and the like. */
  interpret(expr: unknown, data: unknown): unknown;
  /** A registered operator by name, looked up when it runs, so a plugin upgraded later is called in its new version. */
  operator(name: string): (...args: unknown[]) => unknown;
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * One step of a `var` path: own properties only; a missing key or a null/undefined holder gives `notFound`.
 * Ownership is checked only when the value found is an object or a function: what a prototype holds that could
 * be abused (`constructor`, `__proto__`, methods) is always one of those, and skipping the check for plain values
 * makes the common step as cheap as a property read.
 */
function step(holder: unknown, key: string, notFound: unknown): unknown {
  if (holder === null || holder === undefined) return notFound;
  const value = (holder as Record<string, unknown>)[key];
  if (value === undefined) return notFound;
  if ((typeof value === 'object' || typeof value === 'function') && value !== null && !hasOwn.call(holder, key)) return notFound;
  return value;
}

const COMPARISONS: Record<string, string> = { '==': '==', '===': '===', '!=': '!=', '!==': '!==', '>': '>', '>=': '>=' };
const BETWEEN: Record<string, string> = { '<': '<', '<=': '<=' };

const isLogic = (node: unknown): node is Record<string, unknown> =>
  typeof node === 'object' && node !== null && !Array.isArray(node) && Object.keys(node).length === 1;

const isPrimitive = (value: unknown): value is string | number | boolean | null =>
  value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));

class Generator {
  readonly constants: unknown[] = [];
  private temps = 0;

  temp(): string {
    return `t${this.temps++}`;
  }

  declarations(): string {
    return this.temps === 0 ? '' : `let ${Array.from({ length: this.temps }, (_, i) => `t${i}`).join(', ')};`;
  }

  constant(value: unknown): string {
    this.constants.push(value);
    return `K[${this.constants.length - 1}]`;
  }

  literal(value: unknown): string {
    if (value === undefined) return 'undefined';
    return isPrimitive(value) && !Object.is(value, -0) ? JSON.stringify(value) : this.constant(value);
  }

  /** A JavaScript expression giving the node's value. */
  value(node: unknown): string {
    if (Array.isArray(node)) return `[${node.map((item) => this.value(item)).join(', ')}]`;
    if (!isLogic(node)) return this.literal(node);
    const op = Object.keys(node)[0];
    const body = node[op];
    const args = Array.isArray(body) ? body : [body];
    if (op === 'var') return this.variable(args);
    if (op === 'and' || op === 'or') return this.junction(op, args);
    if (op === 'if' || op === '?:') return this.conditional(args);
    if (isInterpretedOperator(op)) return `interpret(${this.constant(node)}, data)`;
    const fixed = this.fixedArity(op, args);
    if (fixed !== undefined) return fixed;
    const values = args.map((arg) => this.value(arg)).join(', ');
    if (hasOwn.call(STANDARD_FUNCTIONS, op)) return `S[${JSON.stringify(op)}].call(data${values ? ', ' : ''}${values})`;
    return `operator(${JSON.stringify(op)}).call(data${values ? ', ' : ''}${values})`;
  }

  /** A JavaScript expression giving the node's JsonLogic truthiness as a boolean. */
  truth(node: unknown): string {
    if (isLogic(node)) {
      const op = Object.keys(node)[0];
      const body = node[op];
      const args = Array.isArray(body) ? body : [body];
      if (op === 'and' || op === 'or') {
        if (args.length === 0) return 'false';
        return `(${args.map((arg) => this.truth(arg)).join(op === 'and' ? ' && ' : ' || ')})`;
      }
      if ((op === '!' || op === '!!') && args.length === 1) return op === '!' ? `!${this.truth(args[0])}` : this.truth(args[0]);
      if (op in COMPARISONS || op in BETWEEN || op === 'in') {
        const fixed = this.fixedArity(op, args);
        if (fixed !== undefined) return fixed;
      }
    }
    if (isPrimitive(node)) return String(truthy(node));
    return `truthy(${this.value(node)})`;
  }

  /** The operators written inline when they have their usual number of arguments; undefined otherwise. */
  private fixedArity(op: string, args: unknown[]): string | undefined {
    if (op in COMPARISONS && args.length === 2) {
      return this.inOrder(args, ([a, b]) => `(${a} ${COMPARISONS[op]} ${b})`);
    }
    if (op in BETWEEN && args.length === 2) return this.inOrder(args, ([a, b]) => `(${a} ${BETWEEN[op]} ${b})`);
    if (op in BETWEEN && args.length === 3 && isPrimitive(args[2])) {
      const middle = this.temp();
      return this.inOrder(args, ([a, b, c]) => `(${a} ${BETWEEN[op]} (${middle} = ${b}) && ${middle} ${BETWEEN[op]} ${c})`);
    }
    if ((op === '!' || op === '!!') && args.length === 1) return op === '!' ? `!${this.truth(args[0])}` : this.truth(args[0]);
    if (op === 'in' && args.length === 2) return this.membership(args[0], args[1]);
    return undefined;
  }

  /**
   * Operands as json-logic-js evaluates them: all of them, left to right, before the operator. Pure operands
   * (literals, literal `var` paths) are written in place; the first impure one and all after it go to temporaries.
   */
  private inOrder(args: unknown[], build: (operands: string[]) => string): string {
    const firstImpure = args.findIndex((arg) => !this.isPure(arg));
    if (firstImpure === -1) return build(args.map((arg) => this.value(arg)));
    const assignments: string[] = [];
    const operands = args.map((arg, i) => {
      if (i < firstImpure) return this.value(arg);
      const temp = this.temp();
      assignments.push(`${temp} = ${this.value(arg)}`);
      return temp;
    });
    return `(${assignments.join(', ')}, ${build(operands)})`;
  }

  /** Whether the node's value is always a boolean, so its truthiness is the value itself. */
  private isBoolean(node: unknown): boolean {
    if (!isLogic(node)) return typeof node === 'boolean';
    const op = Object.keys(node)[0];
    const body = node[op];
    const args = Array.isArray(body) ? body : [body];
    if (op === 'and' || op === 'or') return args.length > 0 && args.every((arg) => this.isBoolean(arg));
    if (op === '!' || op === '!!') return true;
    if (op in COMPARISONS || op === 'in') return args.length === 2;
    return op in BETWEEN && (args.length === 2 || (args.length === 3 && isPrimitive(args[2])));
  }

  private isPure(node: unknown): boolean {
    if (!isLogic(node)) return !Array.isArray(node) || node.every((item) => this.isPure(item));
    const body = node.var;
    const path = Array.isArray(body) ? body[0] : body;
    return 'var' in node && isPrimitive(path) && (!Array.isArray(body) || body.length < 2 || isPrimitive(body[1]));
  }

  /** `in` against a literal list of plain values is a chain of strict comparisons (indexOf's equality). */
  private membership(needle: unknown, haystack: unknown): string {
    if (Array.isArray(haystack) && haystack.length > 0 && haystack.length <= 16 && haystack.every((item) => isPrimitive(item))) {
      const temp = this.temp();
      const tests = haystack.map((item) => `${temp} === ${this.literal(item)}`).join(' || ');
      return `(${temp} = ${this.value(needle)}, ${tests})`;
    }
    return this.inOrder([needle, haystack], ([a, b]) => `inOp(${a}, ${b})`);
  }

  private variable(args: unknown[]): string {
    const [path, fallback] = args;
    const literalPath = typeof path === 'string' || typeof path === 'number';
    if (!literalPath || String(path) === '' || !(fallback === undefined || isPrimitive(fallback))) {
      if (path === undefined || path === null || path === '') return 'data';
      return `ownVar.call(data, ${args.map((arg) => this.value(arg)).join(', ')})`;
    }
    const notFound = this.literal(fallback === undefined ? null : fallback);
    const keys = String(path).split('.');
    return keys.reduce((holder, key, i) => `step(${holder}, ${JSON.stringify(key)}, ${i === keys.length - 1 ? notFound : 'undefined'})`, 'data');
  }

  /** `and` gives its first falsy operand or its last; `or` its first truthy one or its last. */
  private junction(op: 'and' | 'or', args: unknown[]): string {
    if (args.length === 0) return 'undefined';
    if (args.every((arg) => this.isBoolean(arg))) return this.truth({ [op]: args });
    const temp = this.temp();
    const stop = op === 'and' ? '!' : '';
    const last = this.value(args[args.length - 1]);
    return args.slice(0, -1).reduceRight<string>(
      (rest, arg) => `(${stop}truthy(${temp} = ${this.value(arg)}) ? ${temp} : ${rest})`, last);
  }

  /** if(c1, r1, c2, r2, ..., else): the first true condition's result, else the last odd one out, else null. */
  private conditional(args: unknown[]): string {
    let code = args.length % 2 === 1 ? this.value(args[args.length - 1]) : 'null';
    for (let i = args.length - (args.length % 2 === 1 ? 3 : 2); i >= 0; i -= 2) {
      code = `(${this.truth(args[i])} ? ${this.value(args[i + 1])} : ${code})`;
    }
    return code;
  }
}

/**
 * The expression as one function of the data. Where the host forbids `new Function` (a strict Content Security
 * Policy in a browser), the reference interpreter runs instead: slower, same answers.
 */
export function compileLogic(expr: unknown, runtime: CodegenRuntime): Compiled {
  const generator = new Generator();
  const body = generator.value(expr);
  const source = `"use strict";
return function compiledLogic(data) { ${generator.declarations()} return ${body}; };`;
  try {
    const factory = new Function('K', 'S', 'step', 'truthy', 'inOp', 'interpret', 'ownVar', 'operator', source);
    return factory(generator.constants, STANDARD_FUNCTIONS, step, truthy, inOp, runtime.interpret, ownVar, runtime.operator) as Compiled;
  } catch (error) {
    if (!(error instanceof EvalError)) throw error;
    return (data) => runtime.interpret(expr, data);
  }
}

/**
 * Decides whether a user's regular expression is safe to run on a bounded input. JavaScript's engine
 * backtracks, so some patterns take exponential or high polynomial time; those are refused, conservatively:
 * - a repeated group that contains a quantifier or an alternation (`(a+)+`, `(a|a)*`, `(.*a){20}`);
 * - a backreference;
 * - an unbounded repeat that can hand characters to a following repeat (`a*a*b`, `\d+\d+`);
 * - two unbounded repeats that can each stop at many places (`.*x.*y` fails in cubic time).
 */

type Quant = 'none' | 'optional' | 'unbounded' | 'counted';
interface Item {
  /** The atom's text, null for a group. */
  source: string | null;
  quant: Quant;
  min: number;
  /** Zero-width: an anchor, a word boundary or a lookaround. */
  neutral?: boolean;
  /** A group's alternatives. */
  branches?: Item[][];
}

class Unsafe extends Error {}

export function isSafePattern(pattern: string, flags: string): boolean {
  try {
    const parser = new Parser(pattern);
    const branches = parser.alternatives();
    if (parser.i < pattern.length) return false;
    return branches.reduce((sum, branch) => sum + ambiguousRepeats(branch, flags), 0) < 2;
  } catch (error) {
    if (error instanceof Unsafe) return false;
    throw error;
  }
}

const hasQuantifier = (branches: Item[][]): boolean =>
  branches.some((items) => items.some((item) => item.quant !== 'none' || (item.branches && hasQuantifier(item.branches))));

class Parser {
  i = 0;
  constructor(private readonly p: string) {}

  alternatives(): Item[][] {
    const branches: Item[][] = [[]];
    while (this.i < this.p.length && this.p[this.i] !== ')') {
      if (this.p[this.i] === '|') {
        branches.push([]);
        this.i++;
        continue;
      }
      const item = this.atom();
      this.quantifier(item);
      const repeated = item.quant === 'unbounded' || item.quant === 'counted';
      if (repeated && item.branches && (item.branches.length > 1 || hasQuantifier(item.branches))) throw new Unsafe();
      branches[branches.length - 1].push(item);
    }
    return branches;
  }

  private atom(): Item {
    const start = this.i, ch = this.p[this.i++];
    if (ch === '(') {
      let lookaround = false;
      if (this.p[this.i] === '?') {
        const kind = /^\?(:|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(this.p.slice(this.i));
        if (!kind) throw new Unsafe();
        lookaround = /^\?<?[=!]/.test(kind[0]);
        this.i += kind[0].length;
      }
      const branches = this.alternatives();
      if (this.p[this.i++] !== ')') throw new Unsafe();
      return { source: null, quant: 'none', min: 1, neutral: lookaround, branches };
    }
    if (ch === '^' || ch === '$') return { source: null, quant: 'none', min: 0, neutral: true };
    if (ch === '[') {
      while (this.i < this.p.length && this.p[this.i] !== ']') this.i += this.p[this.i] === '\\' ? 2 : 1;
      if (this.i++ >= this.p.length) throw new Unsafe();
    } else if (ch === '\\') {
      const escaped = /^(?:[1-9]|k<)/.test(this.p.slice(this.i)) ? null
        : /^(?:[bB]|[pP]\{[^}]*\}|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z]|[\s\S])/.exec(this.p.slice(this.i));
      if (!escaped) throw new Unsafe();
      this.i += escaped[0].length;
      if (escaped[0] === 'b' || escaped[0] === 'B') return { source: null, quant: 'none', min: 0, neutral: true };
    }
    return { source: this.p.slice(start, this.i), quant: 'none', min: 1 };
  }

  private quantifier(item: Item): void {
    const m = /^(?:([*+?])|\{(\d+)(,(\d*))?\})\??/.exec(this.p.slice(this.i));
    if (!m) return;
    this.i += m[0].length;
    if (item.neutral) throw new Unsafe();
    const min = m[1] ? (m[1] === '+' ? 1 : 0) : Number(m[2]);
    const max = m[1] ? (m[1] === '?' ? 1 : Infinity) : m[3] === undefined ? min : m[4] === '' ? Infinity : Number(m[4]);
    item.min *= min;
    item.quant = max === Infinity ? 'unbounded' : max > 1 ? 'counted' : 'optional';
  }
}

/**
 * A plain group is spliced into its sequence, so that its last item is followed by what follows the group; an
 * optional group too, its items made optional. A repeated group (holding no quantifier by now) or one with
 * alternatives stays one item, and its alternatives are checked on their own.
 */
function flatten(items: Item[], nested: Item[][]): Item[] {
  return items.flatMap((item) => {
    if (!item.branches) return [item];
    if (item.neutral || item.branches.length > 1 || (item.quant !== 'none' && item.quant !== 'optional')) {
      nested.push(...item.branches);
      return [item];
    }
    const children = flatten(item.branches[0], nested);
    return item.quant === 'optional' ? children.map((c) => ({ ...c, min: 0 })) : children;
  });
}

function ambiguousRepeats(sequence: Item[], flags: string): number {
  const nested: Item[][] = [];
  const items = flatten(sequence, nested);
  let ambiguous = nested.reduce((sum, branch) => sum + ambiguousRepeats(branch, flags), 0);
  items.forEach((item, i) => {
    if (item.quant !== 'unbounded') return;
    for (const next of items.slice(i + 1)) {
      if (next.neutral) continue;
      if (overlap(item, next, flags)) {
        if (next.quant === 'unbounded' || next.quant === 'counted') throw new Unsafe();
        ambiguous++;
        return;
      }
      if (next.min > 0) return;
    }
  });
  return ambiguous;
}

const SAMPLES = [...Array.from({ length: 128 }, (_, code) => String.fromCharCode(code)), 'é', '中', '\u00a0', '\u3000', '😀'];

/** Whether two items can match the same character, judged on sample characters; a group is assumed to. */
function overlap(a: Item, b: Item, flags: string): boolean {
  if (a.source === null || b.source === null) return true;
  try {
    const left = new RegExp(`^(?:${a.source})`, flags), right = new RegExp(`^(?:${b.source})`, flags);
    return SAMPLES.some((sample) => left.test(sample) && right.test(sample));
  } catch {
    return true;
  }
}

/**
 * Issue 5: "SQL injection and operator injection through filters, sorts, field lists and expand paths: refused with a
 * 400 and nothing reaches SQL text (fuzz them)". Hostile strings (quotes, comments, `;`, backslashes, placeholders,
 * NUL, lone surrogates, knex-splitting `a as b` and `"x"."y"`, prototype names, JSON, very long ones) and hostile
 * JsonLogic (unknown operators, operators as keys, objects and arrays where literals go, `var` paths through lookups
 * and prototype names, huge nesting) go into every list and read parameter of several objects of the medical-device
 * pack, as the admin and as a dealer's portal user. Every answer is a 2xx or a 400/404 problem; every SQL statement
 * the app sends meanwhile is captured, and none holds a generated string in its text (bound values are fine).
 *
 * Each generated name carries a marker (`ZQ<n>Z`) so that it can never be a real field, and so that finding the marker
 * anywhere in the SQL text is proof that a request string got there.
 */
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../engine/src/security/principal.ts';
import { creditCodeCheckCharacter } from '../../plugins/medical_dms/lib/uscc.ts';
import { capturedQueries, type CapturedQuery } from '../helpers/captured-queries.ts';
import { createUser, startTestApp, type TestApp } from '../helpers/test-app.ts';

const PACK = path.resolve(import.meta.dirname, '../../plugins/medical_dms');
const OBJECTS = ['dealer', 'dealer_contact', 'qualification', 'hospital', 'product'] as const;
type ObjectName = (typeof OBJECTS)[number];
type As = 'admin' | 'portal';

/** Words that no statement of a list or a read ever holds; one in the SQL text came from a request. */
const CANARIES = ['ZQ', '--', '/*', ';', 'DROP', 'UNION', 'pg_sleep', '1=1', '__proto__', 'constructor', 'prototype'];

const FRAGMENTS = [
  "'", '"', '`', '--', ';', '/*', '*/', '\\', '\\\\', '$1', '$$', '$q$', '?', '??', ':name', '\u0000', '%', '_', ' ', ',', '.', '-', '+',
  '(', ')', '[', ']', '{', '}', 'a as b', ' AS x', 't.id', 'r0.name', '"x"."y"', 'data.dealer', 'qd_users', 'id', 'name', 'dealer.name',
  'dealer.parent.name', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '{"var":"id"}', '[1,2]', 'null', 'true',
  ' OR 1=1', "' OR '1'='1", '; DROP TABLE data.dealer; --', 'pg_sleep(5)', ' UNION SELECT password_hash FROM qd_users', '\u202e', '𝒳', 'é',
  '\ud800', '\n', '\r\n', '\t', 'ＳＥＬＥＣＴ', '经销商',
];

interface Hostile { text: string; marker: string }

const marker = fc.nat({ max: 999_999 }).map((n) => `ZQ${n}Z`);
const piece = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) });
const hostile: fc.Arbitrary<Hostile> = fc.oneof(
  { weight: 9, arbitrary: fc.tuple(fc.array(piece, { maxLength: 5 }), marker, fc.array(piece, { maxLength: 5 }))
    .map(([before, m, after]) => ({ text: before.join('') + m + after.join(''), marker: m })) },
  { weight: 1, arbitrary: fc.tuple(marker, fc.integer({ min: 1_000, max: 8_000 }), fc.constantFrom("'", 'a', '\\', '"', '?'))
    .map(([m, n, c]) => ({ text: m + c.repeat(n), marker: m })) },
);

let app: TestApp;
let portalToken: string;
/** A record of each object that each user can read. */
const readable = {} as Record<As, Record<ObjectName, string>>;

/** A lone surrogate can't be percent-encoded as UTF-8: it is sent as the bytes a careless client would send (WTF-8). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const wtf8 = (code: number) => [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
function enc(text: string): string {
  let encoded = '';
  let from = 0;
  for (const lone of text.matchAll(LONE_SURROGATE)) {
    encoded += encodeURIComponent(text.slice(from, lone.index)) + wtf8(lone[0].charCodeAt(0));
    from = lone.index + 1;
  }
  return encoded + encodeURIComponent(text.slice(from));
}
const firstText: Record<ObjectName, string> = { dealer: 'name', dealer_contact: 'name', qualification: 'number', hospital: 'name', product: 'name' };
const firstLookup: Record<ObjectName, string> = { dealer: 'parent', dealer_contact: 'dealer', qualification: 'dealer', hospital: 'province', product: 'product_line' };

async function send(as: As, url: string): Promise<{ res: LightMyRequestResponse; queries: CapturedQuery[] }> {
  let res!: LightMyRequestResponse;
  const headers = as === 'portal' ? { authorization: `Bearer ${portalToken}` } : {};
  const queries = await capturedQueries(app.db.knex, async () => {
    res = await app.server.inject({ method: 'GET', url, headers });
  });
  return { res, queries };
}

/** The answer is one of `allowed` (a problem+json unless 2xx), and no statement's text holds any of `strings` or a canary. */
function expectSafe(res: LightMyRequestResponse, queries: CapturedQuery[], strings: string[], allowed: readonly number[], context: string): void {
  const where = `${context}\n→ ${res.statusCode} ${res.body.slice(0, 500)}`;
  expect(allowed, where).toContain(res.statusCode);
  if (res.statusCode >= 300) {
    expect(String(res.headers['content-type']), where).toContain('application/problem+json');
    const problem = res.json() as { status: number; code: string };
    expect([problem.status, typeof problem.code], where).toEqual([res.statusCode, 'string']);
  }
  for (const q of queries) {
    for (const s of strings) expect(q.sql.includes(s), `${where}\nSQL holds "${s.slice(0, 80)}": ${q.sql.slice(0, 500)}`).toBe(false);
    for (const c of CANARIES) expect(q.sql.includes(c), `${where}\nSQL holds the canary "${c}": ${q.sql.slice(0, 500)}`).toBe(false);
  }
}

/** Where a hostile string goes in a list request: names must be refused, values may be bound and answered. */
const NAME = [400, 404] as const;
const VALUE = [200, 400, 404] as const;
type Placement = (object: ObjectName, h: string) => { url: string; allowed: readonly number[] };
const listParam = (object: ObjectName, query: string) => `/api/records/${object}?${query}`;
const filter = (object: ObjectName, expr: unknown) => listParam(object, `filter=${enc(JSON.stringify(expr))}`);
const cursorOf = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

const LIST_PLACEMENTS: Record<string, Placement> = {
  sort: (o, h) => ({ url: listParam(o, `sort=${enc(h)}`), allowed: NAME }),
  'sort, descending': (o, h) => ({ url: listParam(o, `sort=-${enc(h)}`), allowed: NAME }),
  'sort, second key': (o, h) => ({ url: listParam(o, `sort=created_at,${enc(h)}`), allowed: NAME }),
  fields: (o, h) => ({ url: listParam(o, `fields=id,${enc(h)}`), allowed: NAME }),
  expand: (o, h) => ({ url: listParam(o, `expand=${enc(h)}`), allowed: NAME }),
  'expand, second': (o, h) => ({ url: listParam(o, `expand=${firstLookup[o]},${enc(h)}`), allowed: NAME }),
  view: (o, h) => ({ url: listParam(o, `view=${enc(h)}`), allowed: NAME }),
  'view name': (o, h) => ({ url: listParam(o, `view=dealer_layout.${enc(h)}`), allowed: NAME }),
  'view layout': (o, h) => ({ url: listParam(o, `view=${enc(h)}.active`), allowed: NAME }),
  cursor: (o, h) => ({ url: listParam(o, `cursor=${enc(h)}`), allowed: NAME }),
  limit: (o, h) => ({ url: listParam(o, `limit=${enc(h)}`), allowed: NAME }),
  'filter, not JSON': (o, h) => ({ url: listParam(o, `filter=${enc(h)}`), allowed: NAME }),
  'filter, var': (o, h) => ({ url: filter(o, { '==': [{ var: h }, 'x'] }), allowed: NAME }),
  'filter, var alone': (o, h) => ({ url: filter(o, { var: h }), allowed: NAME }),
  'filter, var as a one-item list': (o, h) => ({ url: filter(o, { '!=': [{ var: [h] }, null] }), allowed: NAME }),
  'filter, lookup path leaf': (o, h) => ({ url: filter(o, { '==': [{ var: `${firstLookup[o]}.${h}` }, 'x'] }), allowed: NAME }),
  'filter, lookup path head': (o, h) => ({ url: filter(o, { '==': [{ var: `${h}.name` }, 'x'] }), allowed: NAME }),
  'filter, two lookups': (o, h) => ({ url: filter(o, { '==': [{ var: `dealer.parent.${h}` }, 'x'] }), allowed: NAME }),
  'filter, operator': (o, h) => ({ url: filter(o, { [h]: [{ var: 'id' }, 1] }), allowed: NAME }),
  'filter, nested operator': (o, h) => ({ url: filter(o, { and: [{ '!': { [h]: [{ var: firstText[o] }, 'x'] } }] }), allowed: NAME }),
  'filter, haystack field': (o, h) => ({ url: filter(o, { in: ['x', { var: h }] }), allowed: NAME }),
  'filter, literal': (o, h) => ({ url: filter(o, { '==': [{ var: firstText[o] }, h] }), allowed: VALUE }),
  'filter, literal first': (o, h) => ({ url: filter(o, { '!=': [h, { var: firstText[o] }] }), allowed: VALUE }),
  'filter, like pattern': (o, h) => ({ url: filter(o, { ilike: [{ var: firstText[o] }, h] }), allowed: VALUE }),
  'filter, in a list': (o, h) => ({ url: filter(o, { in: [{ var: firstText[o] }, [h, 'x']] }), allowed: VALUE }),
  'filter, substring': (o, h) => ({ url: filter(o, { in: [h, { var: firstText[o] }] }), allowed: VALUE }),
  'filter, through a lookup': (o, h) => ({ url: filter(o, { '==': [{ var: `dealer.name` }, h] }), allowed: VALUE }),
  'cursor value': (o, h) => ({ url: listParam(o, `sort=${firstText[o]}&cursor=${cursorOf([h, uuidv7()])}`), allowed: VALUE }),
  'cursor of a uuid': (o, h) => ({ url: listParam(o, `sort=-created_at&cursor=${cursorOf(['2026-01-01T00:00:00Z', h])}`), allowed: NAME }),
};

const GET_PLACEMENTS: Record<string, (object: ObjectName, id: string, h: string) => { url: string; allowed: readonly number[] }> = {
  id: (o, _id, h) => ({ url: `/api/records/${o}/${enc(h)}`, allowed: NAME }),
  'id, history': (o, _id, h) => ({ url: `/api/records/${o}/${enc(h)}/history`, allowed: NAME }),
  object: (_o, id, h) => ({ url: `/api/records/${enc(h)}/${id}`, allowed: NAME }),
  'object, list': (_o, _id, h) => ({ url: `/api/records/${enc(h)}`, allowed: NAME }),
  fields: (o, id, h) => ({ url: `/api/records/${o}/${id}?fields=${enc(h)}`, allowed: NAME }),
  expand: (o, id, h) => ({ url: `/api/records/${o}/${id}?expand=${enc(h)}`, allowed: NAME }),
  asOf: (o, id, h) => ({ url: `/api/records/${o}/${id}?asOf=${enc(h)}`, allowed: NAME }),
};

beforeAll(async () => {
  app = await startTestApp();
  await app.plugins.install(PACK, { ctx: systemContext(app.adminId, 'injection-fuzz') });
  const create = async (object: string, values: Record<string, unknown>) => {
    const res = await app.server.inject({ method: 'POST', url: `/api/records/${object}`, payload: values });
    if (res.statusCode !== 201) throw new Error(`${object}: ${res.statusCode} ${res.body}`);
    return (res.json() as { id: string }).id;
  };
  const code = (n: number) => `91330100MA2${String(n).padStart(6, '0')}`;
  const dealers = [];
  for (const n of [1, 2]) {
    const id = await create('dealer', { name: `经销商${n}`, credit_code: code(n) + creditCodeCheckCharacter(code(n)), tier: 'platform', status: 'active' });
    dealers.push(id);
    await create('dealer_contact', { dealer: id, name: `联系人${n}`, phone: `+86 571 8800-000${n}` });
    await create('qualification', { dealer: id, type: 'operation_licence', number: `证号${n}`, valid_from: '2025-01-01', scope_classes: ['III'] });
  }
  const hospital = await create('hospital', { name: '第一人民医院', level: '3A' });
  await create('department', { hospital, name: '检验科' });
  const line = await create('product_line', { name: '体外诊断', code: 'IVD' });
  await create('product', { name: '试剂盒', product_line: line });
  portalToken = (await createUser(app, { username: 'owner_1', kind: 'portal', role: 'dealer_owner', accountId: dealers[0] })).token;
  for (const as of ['admin', 'portal'] as const) {
    readable[as] = {} as Record<ObjectName, string>;
    for (const object of OBJECTS) {
      const { res } = await send(as, `/api/records/${object}?limit=1&sort=created_at`);
      readable[as][object] = (res.json() as { data: { id: string }[] }).data[0].id;
    }
  }
}, 60_000);

afterAll(async () => app?.dispose());

const who = fc.constantFrom<As>('admin', 'portal');
const object = fc.constantFrom(...OBJECTS);

describe('injection through the list and read parameters', () => {
  it('sends no canary in the SQL of ordinary lists, filters through lookups and reads (so finding one means something)', async () => {
    for (const as of ['admin', 'portal'] as const) {
      for (const o of OBJECTS) {
        for (const url of [
          listParam(o, `sort=-${firstText[o]},created_at&count=true&expand=${firstLookup[o]}`),
          filter(o, { or: [{ '==': [{ var: firstText[o] }, "a'; --"] }, { like: [{ var: firstText[o] }, '%/*%'] }] }),
          `/api/records/${o}/${readable[as][o]}?expand=${firstLookup[o]}`,
          `/api/records/${o}/${readable[as][o]}/history`,
        ]) {
          const { res, queries } = await send(as, url);
          expectSafe(res, queries, [], [200, 400, 404], `${as} ${url}`);
        }
      }
      const { queries } = await send(as, filter('dealer_contact', { '==': [{ var: 'dealer.parent.name' }, 'x'] }));
      expect(queries.length, 'a lookup-path filter reaches SQL').toBeGreaterThan(0);
    }
  });

  it('answers a hostile string in any list parameter with a 2xx or a 400/404 problem, and no SQL text holds it', async () => {
    const placement = fc.constantFrom(...Object.keys(LIST_PLACEMENTS));
    await fc.assert(
      fc.asyncProperty(who, object, placement, hostile, async (as, o, where, h) => {
        const { url, allowed } = LIST_PLACEMENTS[where](o, h.text);
        const { res, queries } = await send(as, url);
        expectSafe(res, queries, [h.text, h.marker], allowed, `${as} ${o} ${where}: ${JSON.stringify(h.text).slice(0, 200)}`);
      }),
      { numRuns: 700 },
    );
  }, 60_000);

  it('answers a hostile string in the id, object, fields, expand and asOf of a read with a 400/404 problem, and no SQL text holds it', async () => {
    const placement = fc.constantFrom(...Object.keys(GET_PLACEMENTS));
    await fc.assert(
      fc.asyncProperty(who, object, placement, hostile, async (as, o, where, h) => {
        const { url, allowed } = GET_PLACEMENTS[where](o, readable[as][o], h.text);
        const { res, queries } = await send(as, url);
        expectSafe(res, queries, [h.text, h.marker], allowed, `${as} ${o} ${where}: ${JSON.stringify(h.text).slice(0, 200)}`);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------------------
// Hostile JsonLogic: the shape of the filter itself is the attack.
// ---------------------------------------------------------------------------------------------------------

const VAR_PATHS = [
  'id', 'name', 'dealer', 'dealer.name', 'dealer.credit_code', 'dealer.parent.name', 'dealer.parent.parent.name', 'parent.parent.name',
  'product_line.name', 'hospital.name', '__proto__', 'constructor', 'prototype', 'toString', 'dealer.__proto__', 'dealer.constructor.name',
  '__proto__.name', 'constructor.prototype', 'hasOwnProperty', 'valueOf', 'dealer..name', '.name', 'name.', '..', 'owner_id', 'deleted_at',
  'version', 'created_by', 'password_hash', 'qd_users.password_hash', 'data.dealer.name', 't.name', 'r0.name', 'name as x', '"name"',
];
const OPERATORS = [
  '==', '===', '!=', '!==', '<', '<=', '>', '>=', 'in', 'like', 'ilike', 'region_in', 'and', 'or', '!', '!!', 'var',
  'if', '?:', 'cat', 'substr', 'merge', 'some', 'all', 'none', 'map', 'reduce', 'filter', 'missing', 'missing_some', 'log', 'method',
  '+', '*', 'max', 'min', '%', 'preserve', 'credit_code_valid', 'region_level', '__proto__', 'constructor', 'sql', 'raw', 'exists',
];

/** Hostile strings met in a tree, to look for in the SQL. */
interface Tree { value: unknown; strings: string[] }

const leaf: fc.Arbitrary<Tree> = fc.oneof(
  hostile.map((h) => ({ value: h.text, strings: [h.text, h.marker] })),
  fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom('', 'x', '2025-01-01', '330106', uuidv7()))
    .map((value) => ({ value, strings: [] })),
  fc.oneof(fc.constantFrom(...VAR_PATHS).map((p) => ({ value: { var: p }, strings: [] })),
    hostile.map((h) => ({ value: { var: `dealer.${h.text}` }, strings: [h.text, h.marker] })),
    fc.constantFrom<unknown>(['name', 'default'], [], [1], { x: 1 }, null, 1).map((v) => ({ value: { var: v }, strings: [] }))),
);

const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(fc.oneof(fc.constantFrom(...OPERATORS).map((op) => ({ op, strings: [] as string[] })), hostile.map((h) => ({ op: h.text, strings: [h.text, h.marker] }))),
      fc.array(tie('tree'), { maxLength: 3 }), fc.boolean())
      .map(([{ op, strings }, args, bare]) => ({
        value: { [op]: bare && args.length === 1 ? args[0].value : args.map((a) => a.value) },
        strings: [...strings, ...args.flatMap((a) => a.strings)],
      })),
    // An object with several keys, or an operator as a key inside an operand.
    fc.tuple(tie('tree'), tie('tree'), hostile).map(([a, b, h]) => ({ value: { '==': a.value, [h.text]: b.value }, strings: [...a.strings, ...b.strings, h.text, h.marker] })),
    fc.array(tie('tree'), { maxLength: 3 }).map((items) => ({ value: items.map((i) => i.value), strings: items.flatMap((i) => i.strings) })),
  ),
}));

describe('operator injection through hostile JsonLogic filters', () => {
  it('answers any filter tree with a 2xx or a 400/404 problem, and no SQL text holds a string of it', async () => {
    await fc.assert(
      fc.asyncProperty(who, object, tree, async (as, o, t) => {
        const url = filter(o, t.value);
        const { res, queries } = await send(as, url);
        expectSafe(res, queries, t.strings, VALUE, `${as} ${o} ${JSON.stringify(t.value).slice(0, 400)}`);
      }),
      { numRuns: 500 },
    );
  }, 60_000);

  it('refuses huge nesting, huge width and JSON-looking tricks with a 400, before any SQL', async () => {
    // Built as text: the deepest are too deep for JSON.stringify itself.
    const nest = (depth: number, open: string, inner: string, close: string) => `${open.repeat(depth)}${inner}${close.repeat(depth)}`;
    const eq = '{"==":[{"var":"name"},"x"]}';
    const text = (expr: unknown) => JSON.stringify(expr);
    const cases: [string, string][] = [
      ['33 nots', nest(33, '{"!":', eq, '}')],
      ['5,000 nots', nest(5_000, '{"!":', eq, '}')],
      ['100,000 ands', nest(100_000, '{"and":[', eq, ']}')],
      ['100,000 nested arrays as a literal', `{"==":[{"var":"name"},${nest(100_000, '[', '"x"', ']')}]}`],
      ['600 conditions side by side', text({ or: Array.from({ length: 600 }, () => JSON.parse(eq)) })],
      ['a var with a default', text({ '==': [{ var: ['name', 'x'] }, 'x'] })],
      ['a var with extra keys', text({ '==': [{ var: 'name', raw: 'DROP' }, 'x'] })],
      ['a field compared to a field', text({ '==': [{ var: 'name' }, { var: 'id' }] })],
      ['an object as a literal', text({ '==': [{ var: 'name' }, { toString: 'x' }] })],
      ['an array as a literal', text({ '==': [{ var: 'name' }, ['x']] })],
      ['a var inside an in list', text({ in: [{ var: 'name' }, [{ var: 'id' }]] })],
      ['a prototype key', '{"__proto__": [{"var": "name"}, "x"]}'],
      ['a constructor key', text({ constructor: [{ var: 'name' }, 'x'] })],
      ['three lookups away', text({ '==': [{ var: 'dealer.parent.parent.name' }, 'x'] })],
      ['a lookup through a text field', text({ '==': [{ var: 'name.length' }, 1] })],
      ['a lone escape at the end of a like', text({ like: [{ var: 'name' }, 'x\\'] })],
      ['NUL in a literal', text({ '==': [{ var: 'name' }, 'a\u0000b'] })],
      ['a string as the whole filter', text('DROP TABLE data.dealer')],
      ['a number as the whole filter', '1'],
      ['an empty object', '{}'],
      ['two operators in one object', text({ '==': [{ var: 'name' }, 'x'], or: [true] })],
    ];
    for (const as of ['admin', 'portal'] as const) {
      for (const [label, expr] of cases) {
        const { res, queries } = await send(as, listParam('dealer_contact', `filter=${enc(expr)}`));
        expectSafe(res, queries, ['DROP'], [400], `${as}: ${label}`);
      }
    }
  });
});

describe('paths the router itself refuses', () => {
  it('answers a path with bad UTF-8, or a segment past the router\'s limit, with a problem+json like every other error', async () => {
    for (const as of ['admin', 'portal'] as const) {
      for (const url of ['/api/records/dealer/%ED%A0%80', '/api/records/%ED%A0%80', `/api/records/dealer/${'x'.repeat(200)}`, `/api/records/${'x'.repeat(200)}/history`]) {
        const { res, queries } = await send(as, url);
        expectSafe(res, queries, [], [400, 404], `${as} ${url.slice(0, 60)}`);
      }
    }
  });
});

describe('parameter pollution', () => {
  it('refuses a list or read parameter sent twice with a 400 naming it, not a server error', async () => {
    for (const as of ['admin', 'portal'] as const) {
      for (const param of ['filter', 'view', 'sort', 'limit', 'cursor', 'fields', 'expand', 'count', 'deleted']) {
        const { res, queries } = await send(as, listParam('dealer', `${param}=a&${param}=b`));
        expectSafe(res, queries, [], [400], `${as} list ${param} twice`);
        expect(res.json().errors[0].field, param).toBe(param);
      }
      for (const param of ['fields', 'expand']) {
        const { res, queries } = await send(as, `/api/records/dealer/${readable[as].dealer}?${param}=name&${param}=id`);
        expectSafe(res, queries, [], [400], `${as} get ${param} twice`);
      }
    }
  });
});

describe('asOf', () => {
  // Date's own parser takes "x 2030", "Tue 1" or "12" for a date; the API promises an ISO 8601 timestamp.
  it('refuses an asOf that is not an ISO 8601 timestamp with a 400', async () => {
    for (const asOf of ['x 2030', '(DROP) 2030', 'Tue 1', '12', 'a,b 3']) {
      const { res, queries } = await send('admin', `/api/records/dealer/${readable.admin.dealer}?asOf=${enc(asOf)}`);
      expectSafe(res, queries, [asOf], [400], `asOf=${asOf}`);
    }
  });
});

/**
 * An attacker's bookkeeping for security suites: sends requests as one principal through `app.server.inject`,
 * counts them, and records a leak when an answer shows a secret that the request did not carry itself (a record
 * id, a name, a phone number...), when a write that must be refused is not, when a listed row lies outside the
 * attacker's reach, or when a secret and a decoy of the same shape get different answers (an oracle).
 */
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from './test-app.ts';

/** A value the attacker must never see, and what it is (for the report). */
export interface Secret {
  value: string;
  what: string;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Attempt {
  method: Method;
  url: string;
  payload?: unknown;
  /** Replace the attacker's own credentials (e.g. a cookie without its CSRF token). */
  headers?: Record<string, string>;
  /** Sent beside the attacker's credentials (If-Match...). */
  extraHeaders?: Record<string, string>;
}

export interface Expectation {
  /** A write or a request that must be refused: any 2xx answer is a leak. */
  refused?: boolean;
  /** The statuses a well-behaved server answers; another one is a problem (a leak only with `refused`). */
  statuses?: readonly number[];
  /** Every row of a successful list (`data`) must pass; a row that does not is a leak. */
  rowAllowed?: (row: Record<string, unknown>) => boolean;
  /** A last look at a successful answer: why it leaks, if it does. */
  check?: (body: unknown) => string | undefined;
}

export interface Outcome {
  status: number;
  body: unknown;
}

const parse = (res: LightMyRequestResponse): unknown => {
  try {
    return res.json();
  } catch {
    return res.body;
  }
};

const decoded = (url: string): string => {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
};

/** What an answer says, with the ids and values that differ between a secret and its decoy left out. */
function verdict(status: number, body: unknown): string {
  const json = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const data = Array.isArray(json.data) ? (json.data as Record<string, unknown>[]).map((r) => String(r.id)).sort() : undefined;
  const errors = Array.isArray(json.errors) ? (json.errors as { field?: string; rule?: string }[]).map((e) => `${e.field}:${e.rule}`) : undefined;
  return JSON.stringify({ status, code: json.code, errors, data, total: json.total });
}

export class Attacker {
  attempts = 0;
  readonly leaks: string[] = [];
  /** Answers that leak nothing but are not what the API promises (a 500, a 403 where 404 is due...). */
  readonly problems: string[] = [];

  constructor(
    private readonly app: TestApp,
    readonly name: string,
    private readonly credentials: Record<string, string>,
    private readonly secrets: readonly Secret[],
  ) {}

  /** One attempt; returns what came back, for the caller's own checks. */
  async try(label: string, attempt: Attempt, expectation: Expectation = {}): Promise<Outcome> {
    this.attempts++;
    const res = await this.app.server.inject({
      method: attempt.method,
      url: attempt.url,
      headers: { ...(attempt.headers ?? this.credentials), ...attempt.extraHeaders },
      ...(attempt.payload === undefined ? {} : { payload: attempt.payload as object }),
    });
    const body = parse(res);
    const where = `${this.name}: ${label} (${attempt.method} ${decoded(attempt.url).slice(0, 300)}) → ${res.statusCode}`;
    const sent = `${decoded(attempt.url)} ${attempt.url} ${JSON.stringify(attempt.payload ?? null)}`;
    for (const secret of this.secrets) {
      if (res.body.includes(secret.value) && !sent.includes(secret.value)) this.leaks.push(`${where} shows ${secret.what}`);
    }
    const ok = res.statusCode >= 200 && res.statusCode < 300;
    if (expectation.refused && ok) this.leaks.push(`${where}: accepted a request that must be refused: ${res.body.slice(0, 300)}`);
    if (res.statusCode >= 500) this.problems.push(`${where}: ${res.body.slice(0, 300)}`);
    else if (expectation.statuses && !expectation.statuses.includes(res.statusCode)) {
      this.problems.push(`${where}: expected ${expectation.statuses.join('/')}: ${res.body.slice(0, 300)}`);
    }
    if (ok && expectation.rowAllowed && typeof body === 'object' && body !== null && Array.isArray((body as { data?: unknown }).data)) {
      for (const row of (body as { data: Record<string, unknown>[] }).data) {
        if (!expectation.rowAllowed(row)) this.leaks.push(`${where}: listed a row outside its reach: ${JSON.stringify(row).slice(0, 300)}`);
      }
    }
    const why = ok ? expectation.check?.(body) : undefined;
    if (why) this.leaks.push(`${where}: ${why}`);
    return { status: res.statusCode, body };
  }

  /**
   * The same request with a secret (another dealer's id, name...) and with a decoy of the same shape that matches
   * nothing: any difference in status, error, rows or total tells the attacker something about the secret.
   */
  async oracle(label: string, withSecret: Attempt, withDecoy: Attempt, expectation: Expectation = {}): Promise<void> {
    const a = await this.try(`${label} [secret]`, withSecret, expectation);
    const b = await this.try(`${label} [decoy]`, withDecoy, expectation);
    const [va, vb] = [verdict(a.status, a.body), verdict(b.status, b.body)];
    if (va !== vb) this.leaks.push(`${this.name}: ${label}: a secret and a decoy get different answers (${va} vs ${vb})`);
  }
}

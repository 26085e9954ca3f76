/** Small measuring tools: a synchronous ops/s loop, a concurrent async loop, and autocannon over HTTP. */
import autocannon from 'autocannon';

export interface Throughput {
  /** operations (or requests) per second */
  rate: number;
  p50: number;
  p99: number;
  count: number;
  errors: number;
}

/** Runs a synchronous function for `ms` milliseconds (after a short warm-up) and returns calls per second. */
export function syncRate(fn: () => unknown, ms: number): number {
  const warm = performance.now() + Math.min(300, ms / 4);
  while (performance.now() < warm) for (let i = 0; i < 100; i++) fn();
  let calls = 0;
  const started = performance.now();
  let now = started;
  while (now - started < ms) {
    for (let i = 0; i < 200; i++) fn();
    calls += 200;
    now = performance.now();
  }
  return (calls * 1000) / (now - started);
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** `concurrency` loops calling `fn` for `ms` milliseconds after `warmMs` of warm-up. */
export async function asyncRate(fn: (i: number) => Promise<unknown>, options: { concurrency: number; ms: number; warmMs?: number }): Promise<Throughput> {
  let counter = 0;
  const run = async (until: number, latencies: number[] | undefined) => {
    let errors = 0;
    const worker = async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        try {
          await fn(counter++);
        } catch {
          errors++;
        }
        latencies?.push(performance.now() - t0);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    return errors;
  };
  await run(performance.now() + (options.warmMs ?? 500), undefined);
  const latencies: number[] = [];
  const started = performance.now();
  const errors = await run(started + options.ms, latencies);
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return { rate: (latencies.length * 1000) / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), count: latencies.length, errors };
}

export interface Quantiles {
  p50: number;
  p95: number;
}

/** Milliseconds one call of `fn` takes. */
export async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** The median and the 95th percentile of latencies. */
export function quantiles(values: number[]): Quantiles {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

export interface HttpLoad {
  url: string;
  method?: 'GET' | 'POST';
  /** Sent with every request (the engine's API token). */
  headers?: Record<string, string>;
  /** Called before each request: returns the path (and the body for a POST). */
  next: () => { path: string; body?: string };
}

/** autocannon against one route: a warm-up run, then the measured run. */
export async function httpRate(load: HttpLoad, options: { connections: number; seconds: number; warmSeconds: number }): Promise<Throughput> {
  const once = async (duration: number) => {
    const result = await autocannon({
      url: load.url,
      connections: options.connections,
      duration,
      requests: [
        {
          method: load.method ?? 'GET',
          headers: { 'content-type': 'application/json', ...load.headers },
          setupRequest: (request) => {
            const { path, body } = load.next();
            return { ...request, path, ...(body !== undefined && { body }) };
          },
        },
      ],
    });
    return result;
  };
  if (options.warmSeconds > 0) await once(options.warmSeconds);
  const r = await once(options.seconds);
  return {
    rate: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    count: r.requests.total,
    errors: r.errors + r.timeouts + r.non2xx,
  };
}

/**
 * The machine is shared: alternate baseline and subject (first one, then the other) for `rounds` rounds and keep, for each side, the best rate
 * and the lowest p99 (the same rule for both, so a burst of someone else's load penalises neither side alone).
 */
export async function alternate(
  rounds: number,
  baseline: (round: number) => Promise<Throughput>,
  subject: (round: number) => Promise<Throughput>,
): Promise<{ baseline: Throughput; subject: Throughput; all: { baseline: Throughput[]; subject: Throughput[] } }> {
  const all = { baseline: [] as Throughput[], subject: [] as Throughput[] };
  for (let round = 0; round < rounds; round++) {
    // the side that goes first flips every round, so neither always runs right after the other's load
    if (round % 2 === 0) {
      all.baseline.push(await baseline(round));
      all.subject.push(await subject(round));
    } else {
      all.subject.push(await subject(round));
      all.baseline.push(await baseline(round));
    }
  }
  const best = (runs: Throughput[]): Throughput => ({
    rate: Math.max(...runs.map((r) => r.rate)),
    p50: Math.min(...runs.map((r) => r.p50)),
    p99: Math.min(...runs.map((r) => r.p99)),
    count: runs.reduce((a, r) => a + r.count, 0),
    errors: runs.reduce((a, r) => a + r.errors, 0),
  });
  return { baseline: best(all.baseline), subject: best(all.subject), all };
}

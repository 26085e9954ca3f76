import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttledWriter } from './throttle.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A writer over fake timers; `writes` are the values written, each write taking `writeMs`. */
function writer(writeMs = 0) {
  const writes: number[] = [];
  const errors: unknown[] = [];
  const throttled = throttledWriter<number>({
    intervalMs: 250,
    now: () => Date.now(),
    write: async (value) => {
      if (writeMs) await new Promise((resolve) => setTimeout(resolve, writeMs));
      if (value < 0) throw new Error('refused');
      writes.push(value);
    },
    onError: (error) => errors.push(error),
  });
  return { throttled, writes, errors };
}

describe('the throttled progress writer', () => {
  it('writes the first value at once and the last of a burst when the interval is up', async () => {
    const { throttled, writes } = writer();
    for (let i = 1; i <= 100; i++) throttled.push(i);
    await vi.advanceTimersByTimeAsync(0);
    expect(writes).toEqual([1]);
    await vi.advanceTimersByTimeAsync(249);
    expect(writes).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1);
    expect(writes).toEqual([1, 100]);
  });

  it('writes at most once per interval however often it is pushed', async () => {
    const { throttled, writes } = writer();
    for (let ms = 0; ms < 1000; ms += 10) {
      throttled.push(ms);
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(writes.length).toBeLessThanOrEqual(5);
    expect(writes.length).toBeGreaterThanOrEqual(4);
    await vi.advanceTimersByTimeAsync(250);
    expect(writes.at(-1)).toBe(990);
  });

  it('writes a value pushed after a quiet interval at once', async () => {
    const { throttled, writes } = writer();
    throttled.push(1);
    await vi.advanceTimersByTimeAsync(1000);
    throttled.push(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(writes).toEqual([1, 2]);
  });

  it('holds the next value back while a slow write runs instead of queuing one per interval', async () => {
    const { throttled, writes } = writer(1000);
    throttled.push(1);
    for (let i = 2; i <= 10; i++) {
      await vi.advanceTimersByTimeAsync(100);
      throttled.push(i);
    }
    await vi.advanceTimersByTimeAsync(100);
    expect(writes).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(writes).toEqual([1, 10]);
  });

  it('settles: waits for the write in flight and drops what was not written', async () => {
    const { throttled, writes } = writer(50);
    throttled.push(1);
    throttled.push(2);
    const settled = throttled.settle();
    await vi.advanceTimersByTimeAsync(50);
    await settled;
    expect(writes).toEqual([1]);
    throttled.push(3);
    await vi.advanceTimersByTimeAsync(1000);
    expect(writes).toEqual([1]);
  });

  it('reports a failed write and goes on with the next value', async () => {
    const { throttled, writes, errors } = writer();
    throttled.push(-1);
    throttled.push(2);
    await vi.advanceTimersByTimeAsync(250);
    expect(errors).toHaveLength(1);
    expect(writes).toEqual([2]);
  });
});

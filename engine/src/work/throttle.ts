/** The latest of a stream of values, written at most once per interval, one write at a time. */
export interface ThrottledWriter<T> {
  /** Keeps `value` as the latest; writes it now if the last write is an interval old, else when the interval is up. Never waits. */
  push(value: T): void;
  /** Stops writing (a value not yet written is dropped) and resolves when the write in flight, if any, has ended. */
  settle(): Promise<void>;
}

export interface ThrottleOptions<T> {
  intervalMs: number;
  write: (value: T) => Promise<void>;
  /** A write that fails is reported here and not retried; the next value is written as usual. */
  onError: (error: unknown) => void;
  now?: () => number;
}

/**
 * Leading and trailing: the first value is written at once, the values pushed during an interval collapse into the
 * last of them, written when the interval is up. A write that is slow (the database is busy) holds the next one back
 * instead of queuing one per interval behind it.
 */
export function throttledWriter<T>(options: ThrottleOptions<T>): ThrottledWriter<T> {
  const now = options.now ?? Date.now;
  let latest: { value: T } | undefined;
  let lastWriteAt = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | undefined;
  let settled = false;

  const pump = (): void => {
    if (settled || timer || inFlight || !latest) return;
    const wait = lastWriteAt + options.intervalMs - now();
    if (wait > 0) {
      timer = setTimeout(() => {
        timer = undefined;
        pump();
      }, wait);
      return;
    }
    const { value } = latest;
    latest = undefined;
    lastWriteAt = now();
    inFlight = options.write(value).catch(options.onError).finally(() => {
      inFlight = undefined;
      pump();
    });
  };

  return {
    push(value) {
      if (settled) return;
      latest = { value };
      pump();
    },
    async settle() {
      settled = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      latest = undefined;
      await inFlight;
    },
  };
}

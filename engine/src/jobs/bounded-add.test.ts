import { afterEach, describe, expect, it, vi } from 'vitest';
import { boundedAdd, QueueUnreachableError } from './bounded-add.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('boundedAdd', () => {
  it('answers as the queue does when the queue answers in time', async () => {
    const jobs = boundedAdd({ add: async () => 'job-1' }, 1000);
    await expect(jobs.add('x', {})).resolves.toBe('job-1');
  });

  it('passes the queue refusal on as it is', async () => {
    const jobs = boundedAdd({ add: async () => { throw new Error('bad job'); } }, 1000);
    await expect(jobs.add('x', {})).rejects.toThrow('bad job');
  });

  it('gives up on a queue that does not answer, with QueueUnreachableError', async () => {
    vi.useFakeTimers();
    const jobs = boundedAdd({ add: () => new Promise<string>(() => {}) }, 5000);
    const added = jobs.add('x', {}, { jobId: 'j' });
    vi.advanceTimersByTime(5000);
    await expect(added).rejects.toBeInstanceOf(QueueUnreachableError);
  });
});

import { describe, expect, it } from 'vitest';
import { autoLayout } from './auto-layout.ts';

const box = (id: string) => ({ id, width: 160, height: 48 });

describe('autoLayout', () => {
  it('puts each step below the one it follows and keeps branches side by side', () => {
    const at = autoLayout([box('start'), box('left'), box('right'), box('end')], [
      { source: 'start', target: 'left' },
      { source: 'start', target: 'right' },
      { source: 'left', target: 'end' },
      { source: 'right', target: 'end' },
    ]);
    expect(at.get('left')!.y).toBeGreaterThan(at.get('start')!.y);
    expect(at.get('end')!.y).toBeGreaterThan(at.get('left')!.y);
    expect(at.get('left')!.y).toBe(at.get('right')!.y);
    expect(Math.abs(at.get('left')!.x - at.get('right')!.x)).toBeGreaterThanOrEqual(160);
  });

  it('runs left to right when asked, places unlinked boxes and ignores links to unknown boxes', () => {
    const at = autoLayout([box('dealer'), box('order'), box('alone')], [
      { source: 'order', target: 'dealer' },
      { source: 'order', target: 'missing' },
    ], { direction: 'LR' });
    expect(at.get('dealer')!.x).toBeGreaterThan(at.get('order')!.x);
    expect(at.size).toBe(3);
    expect(Number.isFinite(at.get('alone')!.x)).toBe(true);
  });
});

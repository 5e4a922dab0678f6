import { describe, expect, it } from 'vitest';
import { withinBudget } from './budget';

const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('withinBudget', () => {
  it('gives the value when the work finishes in time', async () => {
    expect(await withinBudget(after(1, 'x'), 200)).toEqual({ ok: true, value: 'x' });
  });

  it('stops waiting when the budget runs out', async () => {
    const started = performance.now();
    expect(await withinBudget(after(500, 'x'), 20)).toEqual({ ok: false, timedOut: true });
    expect(performance.now() - started).toBeLessThan(400);
  });

  it('reports a failure without throwing', async () => {
    const result = await withinBudget(Promise.reject(new Error('boom')), 100);
    expect(result).toMatchObject({ ok: false, timedOut: false });
  });

  it('does not wait at all with no budget left', async () => {
    expect(await withinBudget(after(10, 'x'), 0)).toEqual({ ok: false, timedOut: true });
  });
});

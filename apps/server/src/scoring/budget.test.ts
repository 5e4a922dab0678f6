import { describe, expect, it } from 'vitest';
import { requestBudgetMs, withinBudget } from './budget';

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

describe('requestBudgetMs', () => {
  it('is the flat budget for one message and grows with each further message of a batch', () => {
    expect(requestBudgetMs(1, 50, 0.5)).toBe(50);
    expect(requestBudgetMs(100, 50, 0.5)).toBe(99.5);
    expect(requestBudgetMs(1000, 50, 0.5)).toBe(549.5);
    expect(requestBudgetMs(1000, 50, 0)).toBe(50);
  });
});

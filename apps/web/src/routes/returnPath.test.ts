import { describe, expect, it } from 'vitest';
import { loginPathFor, returnPathFrom } from './returnPath';

describe('the return path after sign-in', () => {
  it('round-trips a console deep link through the sign-in URL', () => {
    const login = loginPathFor('/review/dashboard');
    expect(login).toBe('/review/login?next=%2Freview%2Fdashboard');
    const next = new URL(login, 'http://x').searchParams.get('next');
    expect(returnPathFrom(next)).toBe('/review/dashboard');
    expect(returnPathFrom('/review/cases/cs_1?tab=audit')).toBe('/review/cases/cs_1?tab=audit');
  });

  it('keeps the plain queue link plain', () => {
    expect(loginPathFor('/review')).toBe('/review/login');
    expect(returnPathFrom(null)).toBe('/review');
  });

  it('never leaves the console', () => {
    for (const hostile of [
      'https://evil.example/review',
      '//evil.example/review',
      '/\\evil.example',
      '/appeal/abc',
      '/reviewer-lookalike',
      '/review/login?next=/review/admin',
      'javascript:alert(1)',
    ]) {
      expect(returnPathFrom(hostile)).toBe('/review');
    }
  });
});

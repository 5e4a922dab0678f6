import { describe, expect, it } from 'vitest';
import { validateAppeal } from './validateAppeal';

const ok = { explanation: 'x'.repeat(20), contactEmail: 'holder@example.com', changes: '' };

describe('validateAppeal', () => {
  it('accepts 20 to 5,000 characters and an email', () => {
    expect(validateAppeal(ok)).toEqual({});
    expect(validateAppeal({ ...ok, explanation: 'x'.repeat(5000) })).toEqual({});
  });

  it('counts trimmed characters and says how many are missing', () => {
    expect(validateAppeal({ ...ok, explanation: `  ${'x'.repeat(19)}   ` }).explanation).toMatch(
      /at least 20.*you have 19/,
    );
  });

  it('refuses over 5,000 characters and a malformed email', () => {
    const errors = validateAppeal({
      explanation: 'x'.repeat(5001),
      contactEmail: 'not-an-email',
      changes: 'y'.repeat(5001),
    });
    expect(Object.keys(errors).sort()).toEqual(['changes', 'contactEmail', 'explanation']);
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTENT_REASONS } from '@gavel/features';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_FILE, loadPolicy, PolicyValidationError } from './policy';
import { ACCOUNT_REASONS, allReasonCodes, reasonMessage } from './reasons';

const defaultDocument = () => JSON.parse(readFileSync(DEFAULT_POLICY_FILE, 'utf8'));

function writePolicy(doc: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gavel-policy-')), 'policy.json');
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

describe('loadPolicy', () => {
  it('loads the versioned default policy from the repository', () => {
    const policy = loadPolicy();
    expect(policy.version).toBe('default@2');
    expect(policy.thresholdsSource).toBe('fallback');
    expect(Object.isFrozen(policy.risk.factors)).toBe(true);
  });

  it("takes the model card's thresholds unless the policy sets its own", () => {
    expect(loadPolicy({ modelThresholds: { review: 0.4, block: 0.8 } })).toMatchObject({
      thresholds: { review: 0.4, block: 0.8 },
      thresholdsSource: 'model',
    });
    const file = writePolicy({ ...defaultDocument(), thresholds: { review: 0.3, block: 0.7 } });
    expect(loadPolicy({ file, modelThresholds: { review: 0.4, block: 0.8 } })).toMatchObject({
      thresholds: { review: 0.3, block: 0.7 },
      thresholdsSource: 'policy',
    });
  });

  it('rejects an invalid policy with every problem named', () => {
    const doc = defaultDocument();
    doc.ladder.suspendRisk = 0.1;
    doc.risk.factors.smsPumping.weight = 3;
    doc.risk.factors.unknownFactor = { weight: 0.1 };
    delete doc.risk.factors.complaints;
    doc.statement.appealWindowDays = 30;
    try {
      loadPolicy({ file: writePolicy(doc) });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PolicyValidationError);
      const problems = (error as PolicyValidationError).problems.join('\n');
      expect(problems).toMatch(/suspendRisk must be >= ladder.flagRisk/);
      expect(problems).toMatch(/smsPumping.weight/);
      expect(problems).toMatch(/unknownFactor is not a known factor/);
      expect(problems).toMatch(/complaints is required/);
      expect(problems).toMatch(/appealWindowDays/);
    }
  });

  it('rejects unreadable files and bad model thresholds', () => {
    expect(() => loadPolicy({ file: '/nonexistent/policy.json' })).toThrow(PolicyValidationError);
    expect(() => loadPolicy({ modelThresholds: { review: 0.9, block: 0.5 } })).toThrow(/modelThresholds/);
  });
});

describe('reasonMessage', () => {
  it('has a sentence for every reason code, content codes from @gavel/features', () => {
    for (const code of allReasonCodes()) {
      const message = reasonMessage(code);
      expect(message.length, code).toBeGreaterThan(15);
      expect(message.endsWith('.'), code).toBe(false);
    }
    expect(reasonMessage('SHORTENED_URL')).toBe(CONTENT_REASONS.SHORTENED_URL);
    expect(reasonMessage('SMS_PUMPING')).toBe(ACCOUNT_REASONS.SMS_PUMPING);
  });
});

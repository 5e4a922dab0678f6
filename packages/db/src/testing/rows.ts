import { randomBytes } from 'node:crypto';
import type { DecisionRow } from '../decisionLog';
import type { NewOutboxRow } from '../outbox';

export function uniqueId(prefix: string): string {
  return `${prefix}${randomBytes(6).toString('hex')}`;
}

export function decisionRow(overrides: Partial<DecisionRow> = {}): DecisionRow {
  return {
    messageId: uniqueId('SM'),
    accountId: 'AC-test',
    channel: 'sms',
    score: 0.12,
    action: 'allow',
    reasons: [],
    accountStatus: 'active',
    accountRisk: 0.1,
    modelVersion: 'content-test',
    policyVersion: 'default@2',
    bodyHash: randomBytes(32).toString('hex'),
    excerpt: null,
    features: { signals: { count1h: 1 } },
    degraded: [],
    decidedAt: new Date(),
    ...overrides,
  };
}

export function emailNotice(key: string, accountId?: string): NewOutboxRow {
  return {
    topic: 'suspension.notice',
    accountId,
    idempotencyKey: key,
    payload: {
      kind: 'email',
      to: 'holder@example.test',
      subject: 'Suspended',
      text: 'why',
      html: '<p>why</p>',
    },
  };
}

export const SIX_MONTHS_MS = 183 * 24 * 3_600_000;

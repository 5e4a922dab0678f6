import type { ScoreRequest, SignalEvent } from '@gavel/contracts';
import { describe, expect, it } from 'vitest';
import { runScenario, type SimulationTarget, type TargetAnswer } from './run';
import { buildScenario } from './scenario';

/** A scripted target: suspends an account at its Nth message, blocks smishing bodies, records calls. */
function scriptedTarget(suspendAt: number) {
  const seen = new Map<string, number>();
  const batches: ScoreRequest[][] = [];
  const events: SignalEvent[] = [];
  const target: SimulationTarget = {
    async scoreBatch(messages) {
      batches.push(messages);
      return messages.map((m): TargetAnswer => {
        const n = (seen.get(m.accountId) ?? 0) + 1;
        seen.set(m.accountId, n);
        const suspended = m.accountId.includes('pumping') && n >= suspendAt;
        return {
          action: suspended || m.accountId.includes('smishing') ? 'block' : 'allow',
          accountStatus: suspended ? 'suspended' : 'active',
          accountRisk: suspended ? 1 : 0,
        };
      });
    },
    async sendEvents(batch) {
      events.push(...batch);
    },
  };
  return { target, batches, events, seen };
}

describe('runScenario', () => {
  const scenario = buildScenario({ seed: 3, accounts: 80, start: Date.UTC(2026, 10, 30) });

  it('sends messages in time order and events after their message, stamped with their own time', async () => {
    const { target, batches, events } = scriptedTarget(Number.POSITIVE_INFINITY);
    await runScenario(scenario, target, { batchSize: 50 });
    const sent = batches.flat();
    expect(sent).toHaveLength(scenario.messages.length);
    const times = sent.map((m) => Date.parse(m.sentAt!));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(batches.every((b) => b.length <= 50)).toBe(true);
    const sentAt = new Map(sent.map((m) => [m.messageId, Date.parse(m.sentAt!)]));
    for (const e of events) {
      if (!('messageId' in e) || e.messageId === undefined) continue;
      expect(Date.parse(e.at!)).toBeGreaterThan(sentAt.get(e.messageId)!);
    }
  });

  it('stops an account at its suspension, counts the messages to it, and reports no events for blocked messages', async () => {
    const { target, events, seen } = scriptedTarget(40);
    const result = await runScenario(scenario, target);
    const pumping = result.accounts.filter((a) => a.profile === 'sms_pumping');
    expect(pumping.length).toBeGreaterThan(0);
    for (const a of pumping) {
      expect(a.suspendedAt).toBe(40);
      // The rest of the suspending batch is still scored (and blocked); nothing after it is sent.
      expect(a.messages).toBeGreaterThanOrEqual(40);
      expect(a.messages).toBeLessThan(40 + 100);
      expect(a.messages).toBeLessThan(a.planned);
      expect(seen.get(a.accountId)).toBe(a.messages);
    }
    const smishingIds = new Set(
      scenario.accounts
        .filter((a) => a.profile === 'smishing')
        .flatMap((a) => a.messages.map((m) => m.messageId)),
    );
    expect(
      events.some((e) => 'messageId' in e && e.messageId !== undefined && smishingIds.has(e.messageId)),
    ).toBe(false);
  });
});

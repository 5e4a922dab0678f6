import { describe, expect, it } from 'vitest';
import { createMemorySignalStore } from './memory';
import { signalStoreContract } from './store.contract';
import { DAY, HOUR } from './windows';

signalStoreContract('in-process', async (now) => createMemorySignalStore({ now }));

describe('in-process signal store', () => {
  const T0 = Date.UTC(2026, 10, 29, 10);

  it('forgets a messageId after 24 hours, so the message counts again', async () => {
    const clock = { now: T0 };
    const store = createMemorySignalStore({ now: () => clock.now });
    const obs = {
      accountId: 'A',
      messageId: 'm',
      to: '+447700900123',
      channel: 'sms',
      fingerprint: '',
      linkDomains: [],
    };
    await store.observe({ ...obs, sentAt: T0 });
    clock.now = T0 + DAY + HOUR;
    const again = await store.observe({ ...obs, sentAt: clock.now });
    expect(again.duplicate).toBe(false);
  });

  it('stays within maxAccounts by dropping the least recently written accounts', async () => {
    const store = createMemorySignalStore({ now: () => T0, maxAccounts: 10 });
    for (let i = 0; i < 50; i++)
      await store.observe({
        accountId: `A${i}`,
        messageId: 'm',
        to: '+447700900123',
        channel: 'sms',
        sentAt: T0,
        fingerprint: '',
        linkDomains: [],
      });
    expect((await store.getSignals('A0')).count1h).toBe(0);
    expect((await store.getSignals('A49')).count1h).toBe(1);
  });

  it('saturates unique counts at maxSetSize instead of growing without bound', async () => {
    const store = createMemorySignalStore({ now: () => T0, maxSetSize: 5 });
    for (let i = 0; i < 20; i++)
      await store.observe({
        accountId: 'A',
        messageId: `m${i}`,
        to: `+4477009000${10 + i}`,
        channel: 'sms',
        sentAt: T0,
        fingerprint: '',
        linkDomains: [],
      });
    const s = await store.getSignals('A');
    expect(s.uniqueRecipients1h).toBe(5);
    expect(s.count1h).toBe(20);
  });

  it('rejects calls after close', async () => {
    const store = createMemorySignalStore();
    await store.close();
    expect(await store.ping()).toBe(false);
    await expect(store.getSignals('A')).rejects.toThrow(/closed/);
  });
});

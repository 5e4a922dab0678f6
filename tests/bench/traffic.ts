import { ABUSIVE_BODIES, HONEST_BODIES } from '../integration/sampleMessages';

// Realistic-ish traffic: many accounts, most honest; a few abusive ones send phishing texts; bodies vary
// (names, amounts, codes filled in) so features and fingerprints differ per message.

const NAMES = ['Sam', 'Alex', 'Priya', 'Chen', 'Maria', 'Tom', 'Aisha', 'Lukas', 'Sofia', 'Kwame'];
const WORDS = [
  'parcel',
  'invoice',
  'meeting',
  'order',
  'refund',
  'account',
  'ticket',
  'booking',
  'delivery',
  'reward',
];

/** Small deterministic PRNG (mulberry32): the same seed gives the same traffic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Traffic {
  next(): Record<string, unknown>;
}

export function createTraffic(opts: {
  seed: number;
  accounts: number;
  abusiveShare: number;
  runId: string;
}): Traffic {
  const random = rng(opts.seed);
  let n = 0;
  const abusiveAccounts = Math.max(1, Math.floor(opts.accounts * opts.abusiveShare));
  return {
    next() {
      n += 1;
      const account = Math.floor(random() * opts.accounts);
      const abusive = account < abusiveAccounts && random() < 0.8;
      const template = abusive
        ? ABUSIVE_BODIES[Math.floor(random() * ABUSIVE_BODIES.length)]
        : HONEST_BODIES[Math.floor(random() * HONEST_BODIES.length)];
      const name = NAMES[Math.floor(random() * NAMES.length)];
      const word = WORDS[Math.floor(random() * WORDS.length)];
      const body = `${template} ${random() < 0.5 ? `${name}` : `re ${word} ${Math.floor(random() * 10_000)}`}`;
      return {
        messageId: `${opts.runId}-${n}`,
        accountId: `AC${opts.runId}-${account}`,
        channel: random() < 0.9 ? 'sms' : 'whatsapp',
        from: '+15005550006',
        to: `+44770${String(Math.floor(random() * 10_000_000)).padStart(7, '0')}`,
        body,
        subject: null,
      };
    },
  };
}

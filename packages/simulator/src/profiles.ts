import type { SignalEvent } from '@gavel/contracts';
import {
  appointmentBody,
  burstBody,
  chatBody,
  deliveryBody,
  honestBrand,
  marketingBody,
  otpBody,
  otpTemplate,
  type SpamCampaign,
  slowDripBody,
  smishingBody,
  smishingCampaign,
  smishingHost,
  spamBody,
  spamCampaign,
  type VariantSet,
} from './bodies';
import { HOME_MARKETS, homeNumber, type Market, PUMPING_RANGES, SequentialRange } from './numbers';
import type { SeededRandom } from './random';

export const HONEST_PROFILES = [
  'otp_sender',
  'notifications',
  'marketing',
  'person_to_person',
  'honest_burst',
] as const;
export const ABUSIVE_PROFILES = [
  'snowshoe',
  'smishing',
  'sms_pumping',
  'account_takeover',
  'slow_drip',
] as const;
export type HonestProfile = (typeof HONEST_PROFILES)[number];
export type AbusiveProfile = (typeof ABUSIVE_PROFILES)[number];
export type ProfileName = HonestProfile | AbusiveProfile;

export function isAbusive(profile: ProfileName): boolean {
  return (ABUSIVE_PROFILES as readonly string[]).includes(profile);
}

/** An event without its time: the driver stamps `at` = message time + `delayMs`. */
export type EventWithoutTime = SignalEvent extends infer E
  ? E extends unknown
    ? Omit<E, 'at'>
    : never
  : never;

export interface PlannedEvent {
  delayMs: number;
  event: EventWithoutTime;
}

export interface PlannedMessage {
  /** Simulated send time, ms since the epoch. */
  at: number;
  messageId: string;
  accountId: string;
  to: string;
  body: string;
  channel: 'sms' | 'whatsapp';
  from: string;
  /** Events the pipeline reports if the message is actually sent (not blocked). */
  events: PlannedEvent[];
  /**
   * An abusive account's honest-looking traffic before the abuse starts (a taken-over account's own
   * history): the trainer labels it honest, since that is what it is.
   */
  cover?: true;
}

export interface AccountPlan {
  accountId: string;
  profile: ProfileName;
  variant: VariantSet;
  abusive: boolean;
  messages: PlannedMessage[];
}

/** What fits a profile's traffic: delivery outcome shares and the chance of each reaction. */
interface Reactions {
  delivered: number;
  failed: number;
  undelivered: number;
  filtered: number;
  optOut: number;
  complaint: number;
  /** Only for messages carrying a one-time code. */
  verification: number;
}

export interface ProfileContext {
  accountId: string;
  /** Start and length of the simulated period. */
  start: number;
  spanMs: number;
  set: VariantSet;
  realHam: readonly string[];
  /** Shared by the accounts of one snowshoe campaign. */
  campaign?: { spam: SpamCampaign; start: number };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

class Builder {
  readonly messages: PlannedMessage[] = [];
  private seq = 0;
  /** Set while writing an abusive account's honest history (see PlannedMessage.cover). */
  cover = false;

  constructor(
    private readonly random: SeededRandom,
    private readonly ctx: ProfileContext,
    private readonly from: string,
  ) {}

  send(at: number, to: string, body: string, reactions: Reactions, otp = false): void {
    const r = this.random;
    const messageId = `${this.ctx.accountId}-m${this.seq++}`;
    const events: PlannedEvent[] = [];
    const roll = r.next();
    const status =
      roll < reactions.delivered
        ? 'delivered'
        : roll < reactions.delivered + reactions.failed
          ? 'failed'
          : roll < reactions.delivered + reactions.failed + reactions.undelivered
            ? 'undelivered'
            : 'filtered';
    const accountId = this.ctx.accountId;
    events.push({
      delayMs: r.int(2_000, 30_000),
      event: {
        type: 'delivery',
        accountId,
        messageId,
        status,
        ...(status === 'filtered'
          ? { errorCode: '30007' }
          : status === 'delivered'
            ? {}
            : { errorCode: '30003' }),
      },
    });
    if (status === 'delivered') {
      if (otp && r.chance(reactions.verification))
        events.push({
          delayMs: r.int(8_000, 120_000),
          event: { type: 'verification', accountId, messageId },
        });
      if (r.chance(reactions.optOut))
        events.push({
          delayMs: r.int(30_000, 40 * MINUTE),
          event: { type: 'opt_out', accountId, messageId, from: to },
        });
      if (r.chance(reactions.complaint))
        events.push({
          delayMs: r.int(MINUTE, 90 * MINUTE),
          event: { type: 'complaint', accountId, messageId },
        });
    }
    this.messages.push({
      at: Math.floor(at),
      messageId,
      accountId,
      to,
      body,
      channel: r.chance(0.9) ? 'sms' : 'whatsapp',
      from: this.from,
      events,
      ...(this.cover ? { cover: true as const } : {}),
    });
  }
}

/** Times of a Poisson process from `from` to `to` with `count` expected events, capped to the span. */
function poissonTimes(random: SeededRandom, from: number, to: number, count: number): number[] {
  const out: number[] = [];
  const mean = (to - from) / Math.max(1, count);
  let t = from + random.exponential(mean);
  while (t < to && out.length < count * 2) {
    out.push(t);
    t += random.exponential(mean);
  }
  return out;
}

const HONEST_DELIVERY = { delivered: 0.97, failed: 0.02, undelivered: 0.01, filtered: 0 };

function honestReactions(random: SeededRandom, optOut: number, complaint: number): Reactions {
  return {
    ...HONEST_DELIVERY,
    filtered: random.uniform(0, 0.01),
    delivered: HONEST_DELIVERY.delivered - 0.01,
    optOut,
    complaint,
    verification: 0,
  };
}

function spamReactions(random: SeededRandom): Reactions {
  const filtered = random.uniform(0.1, 0.35);
  const failed = random.uniform(0.05, 0.2);
  return {
    filtered,
    failed,
    undelivered: 0.03,
    delivered: 1 - filtered - failed - 0.03,
    optOut: random.uniform(0.02, 0.08),
    complaint: random.uniform(0.01, 0.04),
    verification: 0,
  };
}

function sender(random: SeededRandom, market: Market): string {
  return homeNumber(random, market);
}

/** Contacts for repeat recipients: people and customers get more than one message. */
function audience(random: SeededRandom, market: Market, size: number): string[] {
  return Array.from({ length: size }, () => homeNumber(random, market));
}

function activeWindow(random: SeededRandom, ctx: ProfileContext, minFraction: number): [number, number] {
  const length = ctx.spanMs * random.uniform(minFraction, 1);
  const from = ctx.start + random.uniform(0, ctx.spanMs - length);
  return [from, from + length];
}

type Generator = (random: SeededRandom, ctx: ProfileContext) => PlannedMessage[];

const otpSender: Generator = (random, ctx) => {
  const market = random.pick(HOME_MARKETS);
  const b = new Builder(random, ctx, sender(random, market));
  const brand = honestBrand(random).name;
  const template = otpTemplate(random);
  const reactions: Reactions = {
    ...honestReactions(random, 0.0005, 0),
    verification: random.uniform(0.7, 0.95),
  };
  const [from, to] = activeWindow(random, ctx, 0.5);
  // Sign-ins come from the home market, with a few travellers abroad.
  for (const at of poissonTimes(random, from, to, random.int(30, 220))) {
    const dest = random.chance(0.93) ? market : random.pick(HOME_MARKETS);
    b.send(at, homeNumber(random, dest), otpBody(random, brand, template), reactions, true);
  }
  return b.messages;
};

const notifications: Generator = (random, ctx) => {
  const market = random.pick(HOME_MARKETS);
  const b = new Builder(random, ctx, sender(random, market));
  const brand = honestBrand(random);
  const kind = random.chance(0.5) ? 'appointment' : 'delivery';
  const customers = audience(random, market, random.int(20, 150));
  const reactions = honestReactions(random, random.uniform(0, 0.004), random.uniform(0, 0.001));
  const [from, to] = activeWindow(random, ctx, 0.4);
  for (const at of poissonTimes(random, from, to, random.int(12, 120))) {
    const body = kind === 'appointment' ? appointmentBody(random, brand) : deliveryBody(random, brand);
    b.send(at, random.pick(customers), body, reactions);
  }
  return b.messages;
};

const marketing: Generator = (random, ctx) => {
  const market = random.pick(HOME_MARKETS);
  const b = new Builder(random, ctx, sender(random, market));
  const brand = honestBrand(random);
  const list = audience(random, market, random.int(80, 400));
  const reactions = honestReactions(random, random.uniform(0.004, 0.02), random.uniform(0, 0.002));
  for (let campaign = random.int(1, 2); campaign > 0; campaign--) {
    const from = ctx.start + random.uniform(0, ctx.spanMs * 0.8);
    const duration = random.uniform(20, 90) * MINUTE;
    const size = Math.min(list.length, random.int(40, 200));
    const offset = random.int(0, list.length - size);
    for (let i = 0; i < size; i++)
      b.send(from + (duration * i) / size, list[offset + i], marketingBody(random, brand), reactions);
  }
  return b.messages;
};

const personToPerson: Generator = (random, ctx) => {
  const market = random.pick(HOME_MARKETS);
  const b = new Builder(random, ctx, sender(random, market));
  const contacts = audience(random, market, random.int(1, 6));
  const reactions = honestReactions(random, 0, 0);
  for (const at of poissonTimes(random, ctx.start, ctx.start + ctx.spanMs, random.int(2, 20))) {
    b.send(at, random.pick(contacts), chatBody(random, ctx.realHam), reactions);
  }
  return b.messages;
};

const honestBurst: Generator = (random, ctx) => {
  const market = random.pick(HOME_MARKETS);
  const b = new Builder(random, ctx, sender(random, market));
  const brand = honestBrand(random);
  const customers = audience(random, market, random.int(300, 900));
  const quiet = honestReactions(random, 0.001, 0);
  const burstAt = ctx.start + random.uniform(0.4, 0.85) * ctx.spanMs;
  for (const at of poissonTimes(random, ctx.start, burstAt, random.int(3, 20))) {
    b.send(at, random.pick(customers), deliveryBody(random, brand), quiet);
  }
  const kind = random.chance(0.5) ? 'flash_sale' : 'outage';
  const reactions = honestReactions(random, kind === 'outage' ? 0.002 : random.uniform(0.004, 0.015), 0.001);
  const size = random.int(200, customers.length);
  const duration = random.uniform(15, 60) * MINUTE;
  for (let i = 0; i < size; i++)
    b.send(burstAt + (duration * i) / size, customers[i], burstBody(random, brand, kind), reactions);
  return b.messages;
};

const snowshoe: Generator = (random, ctx) => {
  const market = random.pick(HOME_MARKETS);
  const b = new Builder(random, ctx, sender(random, market));
  const campaign = ctx.campaign ?? { spam: spamCampaign(random), start: ctx.start };
  const from = campaign.start + random.uniform(0, 30) * MINUTE;
  const reactions = spamReactions(random);
  // Each account sends little, so no one account looks like much: the campaign is spread thin.
  for (const at of poissonTimes(random, from, from + random.uniform(1, 3) * HOUR, random.int(20, 80))) {
    b.send(at, homeNumber(random, market), spamBody(random, campaign.spam), reactions);
  }
  return b.messages;
};

const smishing: Generator = (random, ctx) => {
  const market = random.pick(HOME_MARKETS);
  const b = new Builder(random, ctx, sender(random, market));
  const campaign = smishingCampaign(random, ctx.set);
  const reactions = spamReactions(random);
  const [from] = activeWindow(random, ctx, 0.7);
  let host = smishingHost(random, campaign.brand, ctx.set);
  let left = random.int(5, 20);
  for (const at of poissonTimes(random, from, from + random.uniform(1, 4) * HOUR, random.int(60, 300))) {
    if (left-- <= 0) {
      host = smishingHost(random, campaign.brand, ctx.set);
      left = random.int(5, 20);
    }
    b.send(at, homeNumber(random, market), smishingBody(random, campaign, host), reactions);
  }
  return b.messages;
};

const smsPumping: Generator = (random, ctx) => {
  const market = random.pick(HOME_MARKETS);
  const b = new Builder(random, ctx, sender(random, market));
  const brand = honestBrand(random).name;
  const template = otpTemplate(random);
  const pool = PUMPING_RANGES[ctx.set];
  const ranges = Array.from({ length: random.int(1, 3) }, () => {
    const prefix = random.pick(pool);
    return new SequentialRange(prefix, random.int(0, 900_000), 12 - prefix.length, random);
  });
  const failed = random.uniform(0.1, 0.4);
  const reactions: Reactions = {
    failed,
    undelivered: random.uniform(0.05, 0.2),
    filtered: 0,
    delivered: 0,
    optOut: 0,
    complaint: 0,
    // Pumped numbers belong to the fraudster's partner: nobody ever types the code in.
    verification: random.uniform(0, 0.02),
  };
  reactions.delivered = 1 - reactions.failed - reactions.undelivered;
  const [from] = activeWindow(random, ctx, 0.7);
  for (const at of poissonTimes(random, from, from + random.uniform(1, 3) * HOUR, random.int(150, 600))) {
    b.send(at, random.pick(ranges).take(), otpBody(random, brand, template), reactions, true);
  }
  return b.messages;
};

const accountTakeover: Generator = (random, ctx) => {
  const market = random.pick(HOME_MARKETS);
  const b = new Builder(random, ctx, sender(random, market));
  const takeoverAt = ctx.start + random.uniform(0.5, 0.8) * ctx.spanMs;
  b.cover = true;
  if (ctx.set === 'train') {
    // A quiet personal account...
    const contacts = audience(random, market, random.int(2, 6));
    for (const at of poissonTimes(random, ctx.start, takeoverAt, random.int(4, 15))) {
      b.send(at, random.pick(contacts), chatBody(random, ctx.realHam), honestReactions(random, 0, 0));
    }
  } else {
    // ...or, unseen in training, a small business's one-time-code sender.
    const brand = honestBrand(random).name;
    const template = otpTemplate(random);
    const reactions: Reactions = {
      ...honestReactions(random, 0, 0),
      verification: random.uniform(0.75, 0.95),
    };
    for (const at of poissonTimes(random, ctx.start, takeoverAt, random.int(20, 60))) {
      b.send(at, homeNumber(random, market), otpBody(random, brand, template), reactions, true);
    }
  }
  // ...suddenly blasting a template it never sent before.
  b.cover = false;
  const spam = random.chance(0.5) ? spamCampaign(random) : null;
  const phish = smishingCampaign(random, ctx.set);
  const host = smishingHost(random, phish.brand, ctx.set);
  const reactions = spamReactions(random);
  for (const at of poissonTimes(
    random,
    takeoverAt,
    takeoverAt + random.uniform(0.5, 2) * HOUR,
    random.int(100, 400),
  )) {
    const body = spam ? spamBody(random, spam) : smishingBody(random, phish, host);
    b.send(at, homeNumber(random, market), body, reactions);
  }
  return b.messages;
};

const slowDrip: Generator = (random, ctx) => {
  const market = random.pick(HOME_MARKETS);
  const b = new Builder(random, ctx, sender(random, market));
  const reactions = spamReactions(random);
  // One message every few minutes, all day: under any per-minute or per-hour rate limit.
  let t = ctx.start + random.uniform(0, 20) * MINUTE;
  while (t < ctx.start + ctx.spanMs) {
    b.send(t, homeNumber(random, market), slowDripBody(random), reactions);
    t += random.uniform(5, 15) * MINUTE;
  }
  return b.messages;
};

export const GENERATORS: Record<ProfileName, Generator> = {
  otp_sender: otpSender,
  notifications,
  marketing,
  person_to_person: personToPerson,
  honest_burst: honestBurst,
  snowshoe,
  smishing,
  sms_pumping: smsPumping,
  account_takeover: accountTakeover,
  slow_drip: slowDrip,
};

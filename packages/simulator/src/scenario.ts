import type { VariantSet } from './bodies';
import { spamCampaign } from './bodies';
import { type AccountPlan, GENERATORS, isAbusive, type PlannedMessage, type ProfileName } from './profiles';
import { SeededRandom } from './random';

/** Share of accounts per profile; the rest of the weight is honest person-to-person traffic. */
export const DEFAULT_MIX: Readonly<Record<ProfileName, number>> = {
  otp_sender: 0.16,
  notifications: 0.2,
  marketing: 0.12,
  person_to_person: 0.34,
  honest_burst: 0.03,
  snowshoe: 0.05,
  smishing: 0.03,
  sms_pumping: 0.03,
  account_takeover: 0.02,
  slow_drip: 0.02,
};

export interface ScenarioOptions {
  seed: number;
  accounts: number;
  /** Simulated start, ms since the epoch. */
  start: number;
  /** Simulated length; default 12 hours (the signal windows reach back 24 hours at most). */
  spanMs?: number;
  /** `unseen`: profile variants held out of training (other prefixes, templates, hosts, takeover kind). */
  set?: VariantSet;
  /** Prefix of every account and message id (default `sim<seed>`): distinct runs against one server. */
  runId?: string;
  mix?: Partial<Record<ProfileName, number>>;
  /** Real ham for person-to-person bodies (see loadRealHam); empty = templates only. */
  realHam?: readonly string[];
  /** Accounts in one snowshoe campaign (default 12). */
  snowshoeCampaignSize?: number;
}

export interface Scenario {
  seed: number;
  set: VariantSet;
  start: number;
  spanMs: number;
  accounts: AccountPlan[];
  /** Every message of every account, in send order (time, then account, then sequence). */
  messages: PlannedMessage[];
}

export const DEFAULT_SPAN_MS = 12 * 3_600_000;

/** How many accounts each profile gets: proportional, at least one of each when there is room. */
export function profileCounts(accounts: number, mix: Record<ProfileName, number>): Map<ProfileName, number> {
  const names = Object.keys(mix) as ProfileName[];
  const total = names.reduce((s, n) => s + mix[n], 0);
  const counts = new Map<ProfileName, number>();
  let assigned = 0;
  for (const name of names) {
    const floor = accounts >= names.length && mix[name] > 0 ? 1 : 0;
    const n = Math.max(floor, Math.floor((accounts * mix[name]) / total));
    counts.set(name, n);
    assigned += n;
  }
  // The remainder (or the excess, for tiny runs) goes to person-to-person, the commonest profile.
  const p2p = counts.get('person_to_person') ?? 0;
  counts.set('person_to_person', Math.max(0, p2p + accounts - assigned));
  return counts;
}

export function buildScenario(opts: ScenarioOptions): Scenario {
  const set = opts.set ?? 'train';
  const spanMs = opts.spanMs ?? DEFAULT_SPAN_MS;
  const runId = opts.runId ?? `sim${opts.seed}`;
  const mix = { ...DEFAULT_MIX, ...opts.mix };
  const root = new SeededRandom(opts.seed);
  const counts = profileCounts(opts.accounts, mix);
  const accounts: AccountPlan[] = [];
  let index = 0;
  const campaignSize = opts.snowshoeCampaignSize ?? 12;
  for (const [profile, count] of counts) {
    let campaign: { spam: ReturnType<typeof spamCampaign>; start: number } | undefined;
    for (let i = 0; i < count; i++) {
      const random = root.fork(index++);
      if (profile === 'snowshoe' && i % campaignSize === 0) {
        // A campaign starts together across its fresh accounts: one template and host set, many senders.
        const campaignRandom = root.fork(1_000_000 + i);
        campaign = {
          spam: spamCampaign(campaignRandom),
          start: opts.start + campaignRandom.uniform(0, spanMs * 0.7),
        };
      }
      const accountId = `${runId}-${profile}-${i}`;
      const messages = GENERATORS[profile](random, {
        accountId,
        start: opts.start,
        spanMs,
        set,
        realHam: opts.realHam ?? [],
        campaign,
      });
      accounts.push({ accountId, profile, variant: set, abusive: isAbusive(profile), messages });
    }
  }
  const messages = accounts.flatMap((a) => a.messages);
  const order = new Map(messages.map((m, i) => [m, i]));
  messages.sort((x, y) => x.at - y.at || (order.get(x) ?? 0) - (order.get(y) ?? 0));
  return { seed: opts.seed, set, start: opts.start, spanMs, accounts, messages };
}

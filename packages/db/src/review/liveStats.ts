import { sql } from 'drizzle-orm';
import type { Db } from '../database';
import { executeRows } from '../rawRows';
import { accountStatusChanges, cases, decisions } from '../schema';

export interface LiveStatsInput {
  now: Date;
  /** Minutes of history, at most 120. */
  windowMinutes: number;
  liveModel: { version: string; review: number; block: number };
  shadowModel: { version: string; review: number; block: number } | null;
}

export interface LiveStatsData {
  minutes: {
    minute: Date;
    allow: number;
    review: number;
    block: number;
    flagged: number;
    suspended: number;
    queueOpen: number;
    shadowCompared: number;
    shadowAgreed: number;
  }[];
  queue: {
    open: number;
    flagged: number;
    appeals: number;
    oldestAgeSeconds: number | null;
    medianAgeSeconds: number | null;
  };
  shadowCompared: number;
  shadowAgreed: number;
}

const MINUTE = 60_000;
const n = (v: unknown) => Number(v ?? 0);

/**
 * The lead dashboard's live charts, from Postgres. Every scan is bounded by time: the decision log by
 * its BRIN index on decided_at, the status changes and cases by the window (both grow with
 * transitions, not with messages). The queue's size per minute is rebuilt backwards from the open
 * cases now and the cases opened and decided during the window.
 */
export async function liveStats(db: Db, input: LiveStatsInput): Promise<LiveStatsData> {
  const windowMinutes = Math.min(120, Math.max(1, Math.floor(input.windowMinutes)));
  const end = Math.floor(input.now.getTime() / MINUTE) * MINUTE + MINUTE;
  const from = new Date(end - windowMinutes * MINUTE).toISOString();
  const live = input.liveModel;
  const shadow = input.shadowModel;
  const verdict = (score: unknown, t: { review: number; block: number }) =>
    sql`(case when ${score} >= ${t.block} then 2 when ${score} >= ${t.review} then 1 else 0 end)`;

  const perAction = await executeRows<{ m: string; action: string; c: number }>(
    db,
    sql`select to_char(date_trunc('minute', ${decisions.decidedAt} at time zone 'UTC'), 'YYYY-MM-DD"T"HH24:MI') as m,
        ${decisions.action} as action, count(*)::int as c
      from ${decisions} where ${decisions.decidedAt} >= ${from}::timestamptz
      group by 1, 2`,
  );
  const shadowRows = shadow
    ? await executeRows<{ m: string; compared: number; agreed: number }>(
        db,
        sql`select to_char(date_trunc('minute', ${decisions.decidedAt} at time zone 'UTC'), 'YYYY-MM-DD"T"HH24:MI') as m,
          count(*)::int as compared,
          (count(*) filter (where ${verdict(decisions.score, live)} = ${verdict(decisions.shadowScore, shadow)}))::int as agreed
        from ${decisions}
        where ${decisions.decidedAt} >= ${from}::timestamptz and ${decisions.shadowScore} is not null
          and ${decisions.shadowModelVersion} = ${shadow.version} and ${decisions.modelVersion} = ${live.version}
        group by 1`,
      )
    : [];
  const transitions = await executeRows<{ m: string; to_status: string; c: number }>(
    db,
    sql`select to_char(date_trunc('minute', ${accountStatusChanges.at} at time zone 'UTC'), 'YYYY-MM-DD"T"HH24:MI') as m,
        ${accountStatusChanges.toStatus} as to_status, count(*)::int as c
      from ${accountStatusChanges}
      where ${accountStatusChanges.at} >= ${from}::timestamptz and ${accountStatusChanges.toStatus} in ('flagged', 'suspended')
      group by 1, 2`,
  );
  const opened = await executeRows<{ m: string; c: number }>(
    db,
    sql`select to_char(date_trunc('minute', ${cases.createdAt} at time zone 'UTC'), 'YYYY-MM-DD"T"HH24:MI') as m, count(*)::int as c
      from ${cases} where ${cases.createdAt} >= ${from}::timestamptz group by 1`,
  );
  const decided = await executeRows<{ m: string; c: number }>(
    db,
    sql`select to_char(date_trunc('minute', ${cases.decidedAt} at time zone 'UTC'), 'YYYY-MM-DD"T"HH24:MI') as m, count(*)::int as c
      from ${cases} where ${cases.decidedAt} >= ${from}::timestamptz group by 1`,
  );
  const nowIso = input.now.toISOString();
  const [queue] = await executeRows<{
    open: number;
    flagged: number;
    appeals: number;
    oldest: number | null;
    median: number | null;
  }>(
    db,
    sql`select count(*)::int as open,
        (count(*) filter (where ${cases.kind} = 'flagged'))::int as flagged,
        (count(*) filter (where ${cases.kind} <> 'flagged'))::int as appeals,
        extract(epoch from (${nowIso}::timestamptz - min(${cases.createdAt})))::float8 as oldest,
        (percentile_cont(0.5) within group (order by extract(epoch from (${nowIso}::timestamptz - ${cases.createdAt}))))::float8 as median
      from ${cases} where ${cases.status} <> 'decided'`,
  );

  const key = (t: number) => new Date(t).toISOString().slice(0, 16);
  const byKey = <T>(rows: T[], k: (r: T) => string) => {
    const map = new Map<string, T[]>();
    for (const r of rows) map.set(k(r), [...(map.get(k(r)) ?? []), r]);
    return map;
  };
  const actions = byKey(perAction, (r) => r.m);
  const shadows = new Map(shadowRows.map((r) => [r.m, r]));
  const changes = byKey(transitions, (r) => r.m);
  const openedAt = new Map(opened.map((r) => [r.m, n(r.c)]));
  const decidedAt = new Map(decided.map((r) => [r.m, n(r.c)]));

  const minutes: LiveStatsData['minutes'] = [];
  // Walk back from now: open at the end of minute m = open at the end of m+1 - opened in m+1 + decided in m+1.
  let open = n(queue?.open);
  for (let i = windowMinutes - 1; i >= 0; i--) {
    const t = end - (windowMinutes - i) * MINUTE;
    const k = key(t);
    const count = (action: string) => n(actions.get(k)?.find((r) => r.action === action)?.c);
    const status = (to: string) => n(changes.get(k)?.find((r) => r.to_status === to)?.c);
    minutes.push({
      minute: new Date(t),
      allow: count('allow'),
      review: count('review'),
      block: count('block'),
      flagged: status('flagged'),
      suspended: status('suspended'),
      queueOpen: Math.max(0, open),
      shadowCompared: n(shadows.get(k)?.compared),
      shadowAgreed: n(shadows.get(k)?.agreed),
    });
    open = open - (openedAt.get(k) ?? 0) + (decidedAt.get(k) ?? 0);
  }
  minutes.reverse();
  const round = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v));
  return {
    minutes,
    queue: {
      open: n(queue?.open),
      flagged: n(queue?.flagged),
      appeals: n(queue?.appeals),
      oldestAgeSeconds: round(queue?.oldest),
      medianAgeSeconds: round(queue?.median),
    },
    shadowCompared: minutes.reduce((s, m) => s + m.shadowCompared, 0),
    shadowAgreed: minutes.reduce((s, m) => s + m.shadowAgreed, 0),
  };
}

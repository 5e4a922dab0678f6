import { sql } from 'drizzle-orm';
import type { Db } from '../database';
import { executeRows } from '../rawRows';
import { cases, labels } from '../schema';

export interface ReviewDashboardData {
  openByAge: { bucket: string; count: number }[];
  overdue: number;
  decisionsPerDay: { day: string; reinstated: number; upheld: number }[];
  overturnByReason: { key: string; decided: number; overturned: number }[];
  overturnByModel: { key: string; decided: number; overturned: number }[];
}

const AGE_BUCKETS = ['< 1 h', '1–4 h', '4–24 h', '1–3 d', '> 3 d'];

/** Aggregates for the lead dashboard; everything computed in SQL over indexed columns. */
export async function reviewDashboard(
  db: Db,
  opts: { now?: Date; days?: number } = {},
): Promise<ReviewDashboardData> {
  const now = opts.now ?? new Date();
  const days = opts.days ?? 14;
  const nowIso = now.toISOString();
  const ages = await executeRows<{ bucket: string; n: number }>(
    db,
    sql`select case
        when age < interval '1 hour' then '< 1 h'
        when age < interval '4 hours' then '1–4 h'
        when age < interval '24 hours' then '4–24 h'
        when age < interval '3 days' then '1–3 d'
        else '> 3 d' end as bucket, count(*)::int as n
      from (select ${nowIso}::timestamptz - ${cases.createdAt} as age from ${cases} where ${cases.status} <> 'decided') open_cases
      group by 1`,
  );
  const [overdue] = await executeRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${cases} where ${cases.status} <> 'decided' and ${cases.dueAt} < ${nowIso}::timestamptz`,
  );
  const perDay = await executeRows<{ day: string; reinstated: number; upheld: number }>(
    db,
    sql`select to_char(date_trunc('day', ${cases.decidedAt} at time zone 'UTC'), 'YYYY-MM-DD') as day,
        (count(*) filter (where ${cases.outcome} in ('reinstated', 'cleared')))::int as reinstated,
        (count(*) filter (where ${cases.outcome} in ('upheld', 'suspended')))::int as upheld
      from ${cases}
      where ${cases.status} = 'decided' and ${cases.decidedAt} >= ${nowIso}::timestamptz - make_interval(days => ${days})
      group by 1 order by 1`,
  );
  // A case counts once per reason code it carried (labels hold the reason codes of its decisions).
  const byReason = await executeRows<{ key: string; decided: number; overturned: number }>(
    db,
    sql`select reason as key, count(distinct ${labels.caseId})::int as decided,
        count(distinct ${labels.caseId}) filter (where ${labels.label} = 'overturned')::int as overturned
      from ${labels}, jsonb_array_elements_text(coalesce(${labels.features}->'reasons', '[]'::jsonb)) as reason
      where ${labels.caseId} is not null
      group by reason order by decided desc limit 20`,
  );
  const byModel = await executeRows<{ key: string; decided: number; overturned: number }>(
    db,
    sql`select coalesce(${labels.modelVersion}, 'unknown') as key, count(distinct ${labels.caseId})::int as decided,
        count(distinct ${labels.caseId}) filter (where ${labels.label} = 'overturned')::int as overturned
      from ${labels} where ${labels.caseId} is not null
      group by 1 order by 1`,
  );
  const ageCounts = new Map(ages.map((a) => [a.bucket, Number(a.n)]));
  return {
    openByAge: AGE_BUCKETS.map((bucket) => ({ bucket, count: ageCounts.get(bucket) ?? 0 })),
    overdue: Number(overdue?.n ?? 0),
    decisionsPerDay: perDay.map((d) => ({
      day: d.day,
      reinstated: Number(d.reinstated),
      upheld: Number(d.upheld),
    })),
    overturnByReason: byReason.map((r) => ({
      key: r.key,
      decided: Number(r.decided),
      overturned: Number(r.overturned),
    })),
    overturnByModel: byModel.map((r) => ({
      key: r.key,
      decided: Number(r.decided),
      overturned: Number(r.overturned),
    })),
  };
}

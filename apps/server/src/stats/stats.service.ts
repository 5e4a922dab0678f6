import type { LiveStats } from '@gavel/contracts';
import { type Db, liveStats } from '@gavel/db';
import type { ContentModel } from '@gavel/model';

/** The dashboard's live charts: decisions per action per minute, transitions, the queue, shadow agreement. */
export class StatsService {
  constructor(
    private readonly db: Db,
    private readonly models: { live: ContentModel; shadow: ContentModel | null },
  ) {}

  async live(windowMinutes: number, now: Date = new Date()): Promise<LiveStats> {
    const { live, shadow } = this.models;
    const thresholds = (m: ContentModel) => ({
      version: m.version,
      review: m.card.thresholds.review,
      block: m.card.thresholds.block,
    });
    const data = await liveStats(this.db, {
      now,
      windowMinutes,
      liveModel: thresholds(live),
      shadowModel: shadow ? thresholds(shadow) : null,
    });
    return {
      generatedAt: now.toISOString(),
      windowMinutes: data.minutes.length,
      minutes: data.minutes.map((m) => ({ ...m, minute: m.minute.toISOString() })),
      queue: data.queue,
      shadow: {
        liveModel: live.version,
        shadowModel: shadow?.version ?? null,
        compared: data.shadowCompared,
        agreed: data.shadowAgreed,
      },
    };
  }
}

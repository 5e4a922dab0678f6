import type { DependencyState, Readiness } from '@gavel/contracts';
import type { DatabaseHandle } from '@gavel/db';
import type { SignalStore } from '@gavel/signals';

const PING_TIMEOUT_MS = 500;

async function within(ping: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([ping.catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Each dependency's state. Scoring answers (degraded) without Redis or Postgres, so those being down
 * makes the instance `degraded`, not unready; only shutting down makes it `unavailable` (503).
 */
export class ReadinessService {
  private closing = false;

  constructor(
    private readonly deps: {
      database: DatabaseHandle;
      signals: SignalStore;
      modelLoaded: () => boolean;
      workerRunning: () => DependencyState;
    },
  ) {}

  markClosing(): void {
    this.closing = true;
  }

  async check(): Promise<Readiness> {
    const [database, signals] = await Promise.all([
      within(this.deps.database.ping(), PING_TIMEOUT_MS),
      within(this.deps.signals.ping(), PING_TIMEOUT_MS),
    ]);
    const checks: Record<string, DependencyState> = {
      database: database ? 'up' : 'down',
      signals: signals ? 'up' : 'down',
      model: this.deps.modelLoaded() ? 'up' : 'down',
      worker: this.deps.workerRunning(),
    };
    const status = this.closing ? 'unavailable' : database && signals ? 'ready' : 'degraded';
    return { status, checks };
  }
}

import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Sub-millisecond buckets: the scoring path lives between 0.2 and 5 ms. */
const LATENCY_BUCKETS = [
  0.0002, 0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5,
];
/** Event-loop delay is reported over the last complete window of this length. */
const EVENT_LOOP_WINDOW_MS = 10_000;
/**
 * How often the event-loop delay is sampled. At 1 ms the sampling timer woke the loop 1,000 times a
 * second: an idle scoring replica spent 24 ms of CPU a second (2.4 % of a core; ~80 µs a request at
 * 300 requests/s) on it in this VM, where a wake-up is dear. A late timer still measures its full
 * delay at 10 ms (prom-client's own default), only fewer samples are taken.
 */
const LOOP_SAMPLE_MS = 10;

/**
 * The app's Prometheus metrics, on a registry of its own (not the global one) so that several
 * apps in one process (tests, two instances) do not collide.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'gavel_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['method', 'route', 'status'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly decisions = new Counter({
    name: 'gavel_decisions_total',
    help: 'Messages decided, by action',
    labelNames: ['action'],
    registers: [this.registry],
  });
  readonly duplicates = new Counter({
    name: 'gavel_duplicate_messages_total',
    help: 'Repeats of a messageId answered with the first answer',
    registers: [this.registry],
  });
  readonly modelLatency = new Histogram({
    name: 'gavel_model_latency_seconds',
    help: 'Content model latency per call (score or scoreMany)',
    labelNames: ['call'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly shadowAgreement = new Counter({
    name: 'gavel_shadow_agreement_total',
    help: 'Messages scored by the live and the shadow model, by whether their actions (each at its own thresholds) agree',
    labelNames: ['shadow_model', 'agree'],
    registers: [this.registry],
  });
  readonly batchSize = new Histogram({
    name: 'gavel_batch_size',
    help: 'Messages per /v1/score/batch request',
    buckets: [1, 10, 50, 100, 250, 500, 1000],
    registers: [this.registry],
  });
  readonly signalErrors = new Counter({
    name: 'gavel_signal_store_errors_total',
    help: 'Signal store calls that failed or missed the budget',
    labelNames: ['operation', 'kind'],
    registers: [this.registry],
  });
  readonly rateLimited = new Counter({
    name: 'gavel_rate_limited_requests_total',
    help: 'Pipeline requests refused with 429 RATE_LIMITED (per-key token bucket), by route',
    labelNames: ['route'],
    registers: [this.registry],
  });
  readonly rateLimitedCost = new Counter({
    name: 'gavel_rate_limited_items_total',
    help: 'Messages or events in the requests refused with 429 RATE_LIMITED, by route',
    labelNames: ['route'],
    registers: [this.registry],
  });
  readonly rateLimitUnchecked = new Counter({
    name: 'gavel_rate_limit_unchecked_total',
    help: 'Pipeline requests passed without a rate check because the limiter (Redis) did not answer in time',
    labelNames: ['route'],
    registers: [this.registry],
  });
  readonly degraded = new Counter({
    name: 'gavel_degraded_answers_total',
    help: 'Answers given without a dependency, by the part that was missing',
    labelNames: ['part'],
    registers: [this.registry],
  });
  readonly transitions = new Counter({
    name: 'gavel_account_transitions_total',
    help: 'Automated account status transitions',
    labelNames: ['transition'],
    registers: [this.registry],
  });
  readonly outboxDelivered = new Counter({
    name: 'gavel_outbox_delivered_total',
    help: 'Outbox rows delivered, by kind',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  readonly outboxFailures = new Counter({
    name: 'gavel_outbox_attempt_failures_total',
    help: 'Failed delivery attempts (retried later), by kind',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  readonly outboxDead = new Counter({
    name: 'gavel_outbox_dead_total',
    help: 'Outbox rows dead-lettered after the last attempt, by kind',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  readonly outboxBacklog = new Gauge({
    name: 'gavel_outbox_backlog',
    help: 'Outbox rows pending delivery (sampled by the worker)',
    registers: [this.registry],
  });
  // The retention job (worker role): its settings and its last run.
  readonly retentionExcerptDays = new Gauge({
    name: 'gavel_retention_excerpt_days',
    help: 'Redacted excerpts are cleared after this many days unless a case holds them',
    registers: [this.registry],
  });
  readonly retentionIntervalSeconds = new Gauge({
    name: 'gavel_retention_interval_seconds',
    help: 'How often the retention job runs',
    registers: [this.registry],
  });
  readonly retentionLastRunTimestamp = new Gauge({
    name: 'gavel_retention_last_run_timestamp_seconds',
    help: 'When the last retention run finished (Unix time)',
    registers: [this.registry],
  });
  readonly retentionLastRunOk = new Gauge({
    name: 'gavel_retention_last_run_ok',
    help: '1 when the last retention run succeeded, 0 when it failed',
    registers: [this.registry],
  });
  readonly retentionLastRunExcerptsCleared = new Gauge({
    name: 'gavel_retention_last_run_excerpts_cleared',
    help: 'Redacted excerpts the last retention run cleared',
    registers: [this.registry],
  });
  readonly retentionLastRunErasuresCompleted = new Gauge({
    name: 'gavel_retention_last_run_erasures_completed',
    help: 'Held-back erasures the last retention run completed',
    registers: [this.registry],
  });
  /** Set by the decision writer plugin: read at scrape time. */
  decisionBacklogSource: () => number = () => 0;
  readonly decisionWriterBacklog = new Gauge({
    name: 'gavel_decision_writer_backlog',
    help: 'Decisions buffered in memory or spilled, not yet in Postgres',
    registers: [this.registry],
    collect: () => {
      this.decisionWriterBacklog.set(this.decisionBacklogSource());
    },
  });
  readonly eventLoopDelayP99 = new Gauge({
    name: 'gavel_event_loop_delay_p99_seconds',
    help: `Event-loop delay p99 over the last complete ${EVENT_LOOP_WINDOW_MS / 1000} s window`,
    registers: [this.registry],
  });
  readonly eventLoopDelayMax = new Gauge({
    name: 'gavel_event_loop_delay_max_seconds',
    help: `Event-loop delay maximum over the last complete ${EVENT_LOOP_WINDOW_MS / 1000} s window`,
    registers: [this.registry],
  });

  private readonly loopDelay: IntervalHistogram = monitorEventLoopDelay({ resolution: LOOP_SAMPLE_MS });
  private readonly loopTimer: NodeJS.Timeout;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.loopDelay.enable();
    this.loopTimer = setInterval(() => {
      this.eventLoopDelayP99.set(this.loopDelay.percentile(99) / 1e9);
      this.eventLoopDelayMax.set(this.loopDelay.max / 1e9);
      this.loopDelay.reset();
    }, EVENT_LOOP_WINDOW_MS);
    this.loopTimer.unref();
  }

  close(): void {
    clearInterval(this.loopTimer);
    this.loopDelay.disable();
  }
}

import type { SignalEvent as EventPayload, EventsRequest } from '@gavel/contracts';
import type { SignalEvent, SignalStore } from '@gavel/signals';
import type { Metrics } from '../metrics';
import { ProblemError } from '../problem';

function toSignalEvent(e: EventPayload, now: number): SignalEvent {
  const at = e.at !== undefined ? Date.parse(e.at) : now;
  if (!Number.isFinite(at)) {
    throw new ProblemError(400, 'INVALID_BODY', 'An event time is not valid', [
      { path: '/at', message: 'must be an RFC 3339 date-time' },
    ]);
  }
  switch (e.type) {
    case 'delivery':
      return {
        type: 'delivery',
        accountId: e.accountId,
        messageId: e.messageId,
        status: e.status,
        ...(e.errorCode !== undefined ? { errorCode: e.errorCode } : {}),
        at,
      };
    case 'opt_out':
      return {
        type: 'opt_out',
        accountId: e.accountId,
        at,
        ...(e.messageId !== undefined ? { messageId: e.messageId } : {}),
        ...(e.from !== undefined ? { from: e.from } : {}),
      };
    case 'verification':
      return {
        type: 'verification',
        accountId: e.accountId,
        at,
        ...(e.messageId ? { messageId: e.messageId } : {}),
      };
    case 'complaint':
      return {
        type: 'complaint',
        accountId: e.accountId,
        at,
        ...(e.messageId ? { messageId: e.messageId } : {}),
      };
  }
}

/**
 * The pipeline's feedback (delivery reports, STOP replies, completed one-time codes, complaints) into
 * the account signals. Not on the scoring path: when the signal store is down the request fails
 * with 503 so the pipeline retries it later rather than losing the events.
 */
export class EventsService {
  constructor(
    private readonly signals: SignalStore,
    private readonly metrics: Metrics,
  ) {}

  async record(body: EventsRequest): Promise<{ accepted: number }> {
    const now = Date.now();
    const payloads = 'events' in body ? body.events : [body];
    const events = payloads.map((e) => toSignalEvent(e, now));
    try {
      await this.signals.recordEvents(events);
    } catch {
      this.metrics.signalErrors.inc({ operation: 'recordEvents', kind: 'error' });
      throw new ProblemError(503, 'UNAVAILABLE', 'The signal store is unavailable; retry later');
    }
    return { accepted: events.length };
  }
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScoreResponse } from '@gavel/contracts';
import { verifyAppealToken, verifyWebhookSignature } from '@gavel/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type OwnGavel,
  scoreOk,
  startGavelOnOwnDatabase,
  startWebhookReceiver,
  waitFor,
} from './gavelHarness';
import { ABUSIVE_BODIES, HONEST_BODIES, message, uniqueId } from './sampleMessages';

let gavel: OwnGavel;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  // The suspending answer waits for its suspension id within the budget; this test pins the flow,
  // not the latency, on a shared machine, so the budget is generous.
  gavel = await startGavelOnOwnDatabase({ env: { SCORE_BUDGET_MS: '2000' } });
  receiver = await startWebhookReceiver();
});

afterAll(async () => {
  await gavel?.close();
  await receiver?.close();
});

const score = (body: ReturnType<typeof message>): Promise<ScoreResponse> => scoreOk(gavel, body);

describe('repeated abuse from one account', () => {
  it('is flagged, then suspended with a notice (email file and signed webhook), then every message is blocked', async () => {
    const accountId = uniqueId('AC');
    const settings = await gavel.app.inject({
      method: 'PUT',
      url: `/v1/admin/accounts/${accountId}`,
      headers: { authorization: `Bearer ${gavel.apiKey}` },
      payload: { noticeEmail: 'owner@example.com', webhookUrl: receiver.url },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const { webhookSigningKey } = settings.json();

    const statuses: string[] = [];
    let suspending: ScoreResponse | null = null;
    for (let i = 0; i < 40 && !suspending; i++) {
      const answer = await score(message(accountId, ABUSIVE_BODIES[i % ABUSIVE_BODIES.length]));
      statuses.push(answer.account.status);
      if (answer.account.status === 'suspended') suspending = answer;
    }
    expect(statuses).toContain('flagged');
    expect(statuses.indexOf('flagged')).toBeLessThan(statuses.indexOf('suspended'));
    expect(suspending).not.toBeNull();
    expect(suspending?.action).toBe('block');
    expect(suspending?.account.suspensionId).toMatch(/^su_/);
    const suspensionId = suspending?.account.suspensionId as string;

    // The email, as a file in DATA_DIR/mail, with the statement of reasons and a valid appeal link.
    const mailDir = join(gavel.config.dataDir, 'mail');
    const file = await waitFor(
      () => {
        try {
          return readdirSync(mailDir).find((f) => f.includes(suspensionId) && f.endsWith('.eml'));
        } catch {
          return undefined;
        }
      },
      { what: 'the notice email' },
    );
    const eml = readFileSync(join(mailDir, file), 'utf8');
    expect(eml).toContain('To: owner@example.com');
    expect(eml).toMatch(/Subject: Your account .* has been suspended/);
    const token = /http:\/\/gavel\.test\/appeal\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(
      eml.replace(/=\r?\n/g, ''),
    )?.[1];
    expect(token).toBeDefined();
    const check = verifyAppealToken(token as string, gavel.config.secret);
    expect(check).toMatchObject({ ok: true, claims: { suspensionId, accountId } });

    // The webhook, received by a real HTTP server, with a valid signature.
    const hook = await waitFor(() => receiver.received[0], { what: 'the webhook' });
    expect(
      verifyWebhookSignature(hook.headers['gavel-signature'] as string, hook.body, webhookSigningKey),
    ).toBe(true);
    expect(
      verifyWebhookSignature(hook.headers['gavel-signature'] as string, `${hook.body} `, webhookSigningKey),
    ).toBe(false);
    expect(hook.headers['idempotency-key']).toContain(suspensionId);
    const event = JSON.parse(hook.body);
    expect(event).toMatchObject({ type: 'account.suspended', data: { accountId, suspensionId } });
    expect(event.data.statementOfReasons).toMatchObject({ decision_account: 'DECISION_ACCOUNT_SUSPENDED' });

    // Every later message is blocked without scoring, honest or not.
    for (const body of HONEST_BODIES.slice(0, 3)) {
      const later = await score(message(accountId, body));
      expect(later.action).toBe('block');
      expect(later.reasons[0].code).toBe('ACCOUNT_SUSPENDED');
    }
    const view = await gavel.app.inject({
      url: `/v1/accounts/${accountId}`,
      headers: { authorization: `Bearer ${gavel.apiKey}` },
    });
    expect(view.json()).toMatchObject({ status: 'suspended', suspension: { suspensionId } });

    // One suspension, one notice of each kind, however many messages followed.
    await new Promise((r) => setTimeout(r, 200));
    expect(receiver.received).toHaveLength(1);
    expect(readdirSync(mailDir).filter((f) => f.endsWith('.eml'))).toHaveLength(1);
  });
});

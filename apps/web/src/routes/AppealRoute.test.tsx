// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppealView } from '../api/types';
import { jsonResponse, renderRoutes } from '../testing/renderRoutes';
import { AppealRoute } from './AppealRoute';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const notice: AppealView = {
  suspension: { id: 'su_1', accountId: 'AC42', status: 'open', suspendedAt: '2026-11-29T10:00:00.000Z' },
  statement: {
    restriction: 'Outbound messages are blocked.',
    scope: 'All channels',
    since: '2026-11-29T10:00:00.000Z',
    duration: 'Until a reviewer lifts it',
    facts: '3 messages were blocked.',
    reasons: [{ code: 'SHORTENED_URL', message: 'Link through a URL shortener' }],
    ground: 'Acceptable use policy',
    automatedDetection: true,
    automatedDecision: true,
    howToAppeal: 'Use the form below.',
    appealBy: '2027-06-01T00:00:00.000Z',
    otherRedress: [],
  },
  dsa: {},
  examples: [],
  canAppeal: true,
  appeal: null,
  messages: [],
};

const EARLIER = 'Written in the first tab: these were delivery updates.';

function withAppeal(explanation: string): AppealView {
  return {
    ...notice,
    canAppeal: false,
    appeal: {
      reference: 'AP-7K3Q9D',
      status: 'received',
      submittedAt: '2026-11-29T10:05:00.000Z',
      expectedResponseBy: '2026-11-30T10:05:00.000Z',
      explanation,
      changes: null,
      pendingQuestion: null,
      outcome: null,
    },
  };
}

/** The portal's two calls, answered as the server answers them. */
function serve(postStatus: 201 | 409, postBody: AppealView) {
  let posted = false;
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (_url, init) => {
    const json = (status: number, body: unknown) => jsonResponse(body, status);
    if (init?.method === 'POST') {
      posted = true;
      return postStatus === 201
        ? json(201, postBody)
        : json(409, {
            status: 409,
            code: 'APPEAL_ALREADY_SUBMITTED',
            detail: 'An appeal was already submitted.',
          });
    }
    // Once another tab has appealed, the page's own reload shows that appeal.
    return json(200, posted ? postBody : notice);
  });
}

function renderPortal() {
  return renderRoutes([{ path: '/appeal/:token', element: <AppealRoute /> }], '/appeal/t.k');
}

async function fillAndSend(explanation: string) {
  fireEvent.change(await screen.findByLabelText(/Why should we lift the suspension/), {
    target: { value: explanation },
  });
  fireEvent.change(screen.getByLabelText(/Your contact email/), { target: { value: 'holder@example.com' } });
  fireEvent.click(screen.getByRole('button', { name: 'Send my appeal' }));
}

describe('the appeal page', () => {
  it('names the page in the document title', async () => {
    serve(201, withAppeal('x'.repeat(30)));
    renderPortal();
    await screen.findByRole('heading', { level: 1, name: 'Your account has been suspended' });
    expect(document.title).toBe('Your account has been suspended · Gavel');
  });

  it('moves focus to the confirmation and announces it after sending', async () => {
    const mine = 'These were delivery updates our customers asked for.';
    serve(201, withAppeal(mine));
    renderPortal();
    await fillAndSend(mine);
    const confirmation = await screen.findByTestId('appeal-confirmation');
    expect(confirmation.textContent).toMatch(/Your appeal has been sent.*AP-7K3Q9D/);
    await waitFor(() => expect(document.activeElement).toBe(confirmation));
    expect(screen.getByTestId('appeal-live-region').getAttribute('aria-live')).toBe('polite');
    expect(screen.getByTestId('appeal-live-region').textContent).toBe(
      'Your appeal has been sent. Reference AP-7K3Q9D.',
    );
    expect(screen.getByTestId('appeal-sent-explanation').textContent).toBe(mine);
    expect(document.title).toBe('Your appeal · Gavel');
  });

  it('says an appeal already exists when another tab sent one first, and keeps the new text', async () => {
    const mine = 'Written in the second tab, a different explanation.';
    serve(409, withAppeal(EARLIER));
    renderPortal();
    await fillAndSend(mine);
    const confirmation = await screen.findByTestId('appeal-confirmation');
    expect(confirmation.textContent).toMatch(/An appeal for this suspension already exists/);
    expect(confirmation.textContent).toContain(mine);
    await waitFor(() => expect(document.activeElement).toBe(confirmation));
    expect(screen.getByTestId('appeal-live-region').textContent).toMatch(/already exists.*not sent/);
    // The status page shows the appeal on file, not the text that was dropped.
    expect(screen.getByTestId('appeal-sent-explanation').textContent).toBe(EARLIER);
  });
});

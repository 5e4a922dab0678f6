// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { Outlet } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adaptSession } from '../api/adapters';
import type { AccountPage, EraseResult, ReviewerRole } from '../api/types';
import { jsonResponse as json, renderRoutes } from '../testing/renderRoutes';
import { AccountRoute } from './AccountRoute';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const page: AccountPage = {
  account: {
    id: 'AC42',
    status: 'suspended',
    risk: 0.91,
    allowlisted: false,
    blocklisted: false,
    firstSeenAt: '2026-12-01T10:00:00.000Z',
    ageDays: 6,
    messageCount: 3,
    blockedCount: 3,
    blockedWhileSuspendedCount: 1,
  },
  statusHistory: [
    {
      from: 'active',
      to: 'suspended',
      at: '2026-12-07T06:00:00.000Z',
      actor: 'Gavel (automated)',
      caseId: null,
    },
  ],
  suspensions: [
    {
      id: 'su_1',
      status: 'open',
      suspendedAt: '2026-12-07T06:00:00.000Z',
      closedAt: null,
      automatedDecision: true,
      reasons: [{ code: 'SHORTENED_URL', message: 'Link through a URL shortener' }],
    },
  ],
  cases: [],
  decisions: {
    decisions: [
      {
        messageId: 'SM1',
        at: '2026-12-07T05:59:00.000Z',
        channel: 'sms',
        action: 'block',
        score: 0.97,
        blockedWhileSuspended: false,
        reasons: [{ code: 'SHORTENED_URL', message: 'Link through a URL shortener' }],
        modelVersion: 'content-1',
        excerpt: null,
      },
      {
        messageId: 'SM2',
        at: '2026-12-07T06:01:00.000Z',
        channel: 'sms',
        action: 'block',
        score: null,
        blockedWhileSuspended: true,
        reasons: [{ code: 'ACCOUNT_SUSPENDED', message: 'The account is suspended' }],
        modelVersion: 'content-1',
        excerpt: null,
      },
    ],
    nextBefore: null,
  },
  signals: [{ key: 'optOutRate', label: 'Opt-out rate', value: 0.25 }],
  notices: [
    {
      id: '1',
      topic: 'suspension',
      kind: 'email',
      status: 'sent',
      createdAt: '2026-12-07T06:00:00.000Z',
      sentAt: '2026-12-07T06:00:05.000Z',
    },
  ],
  pendingErasure: null,
  canManagePrivacy: true,
};

const erased: EraseResult = {
  accountId: 'AC42',
  erasureId: 'er_1',
  status: 'pending',
  requestedAt: '2026-12-07T07:00:00.000Z',
  nothingLeft: false,
  erased: {
    decisionsDeleted: 2,
    appealsAnonymised: 0,
    caseMessagesErased: 0,
    noticesDeleted: 1,
    labelsDetached: 0,
    contactDetailsCleared: true,
    signalKeysDeleted: 4,
  },
  kept: [
    { caseId: 'cs_7', kind: 'appeal', holds: ['decisions', 'appeal'], reason: 'The appeal is still open.' },
  ],
};

function serve() {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (url, init) => {
    if (String(url).endsWith('/erase') && init?.method === 'POST') return json(erased);
    if (String(url).endsWith('/export')) return json({ accountId: 'AC42', decisions: [{}, {}], cases: [] });
    return json(page);
  });
}

function renderAs(role: ReviewerRole) {
  const session = adaptSession({ reviewer: { id: 'r1', email: 'r@x', name: 'R', role }, csrfToken: 't' });
  renderRoutes(
    [
      {
        path: '/review',
        element: <Outlet context={{ session }} />,
        children: [{ path: 'accounts/:id', element: <AccountRoute /> }],
      },
    ],
    '/review/accounts/AC42',
  );
}

describe('the account page', () => {
  it('shows status, history, the decision timeline, signals and notices', async () => {
    serve();
    renderAs('reviewer');
    expect((await screen.findByTestId('account-status')).textContent).toBe('suspended');
    expect(document.title).toBe('Account AC42 · Gavel review');
    expect(screen.getByText(/active → /).textContent).toMatch(/Gavel \(automated\)/);
    expect(screen.getByText('0.97')).toBeTruthy();
    // Blocked while suspended: no score is shown for it.
    expect(screen.getByText('already suspended')).toBeTruthy();
    expect(screen.getByText('Opt-out rate')).toBeTruthy();
    expect(screen.getByText('25%')).toBeTruthy();
    expect(screen.getByTestId('account-notices').textContent).toMatch(/suspension by email: sent/);
  });

  it('offers no privacy actions to a reviewer who is not an admin', async () => {
    serve();
    renderAs('lead');
    await screen.findByTestId('account-status');
    expect(screen.queryByRole('button', { name: /Export/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Erase/ })).toBeNull();
  });

  it('lets an admin export, and erase only after typing the account id', async () => {
    const fetchSpy = serve();
    const created: string[] = [];
    URL.createObjectURL = vi.fn(() => {
      created.push('blob');
      return 'blob:export';
    });
    URL.revokeObjectURL = vi.fn();
    renderAs('admin');
    fireEvent.click(await screen.findByRole('button', { name: 'Export (JSON)' }));
    await screen.findByText(/Export downloaded: 2 decisions, 0 cases/);
    expect(created).toHaveLength(1);

    fireEvent.click(screen.getByRole('button', { name: 'Erase this account…' }));
    fireEvent.change(screen.getByLabelText(/Type the account id/), { target: { value: 'AC4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Erase permanently' }));
    expect(await screen.findByText('Type AC42 exactly to confirm.')).toBeTruthy();
    const erases = () =>
      fetchSpy.mock.calls.filter(([u, i]) => String(u).endsWith('/erase') && i?.method === 'POST');
    expect(erases()).toHaveLength(0);

    fireEvent.change(screen.getByLabelText(/Type the account id/), { target: { value: 'AC42' } });
    fireEvent.click(screen.getByRole('button', { name: 'Erase permanently' }));
    await waitFor(() => expect(erases()).toHaveLength(1));
    expect((await screen.findByTestId('erasure-kept')).textContent).toMatch(/cs_7.*decisions, appeal/);
    expect(
      screen.getByText(/2 decisions deleted.*4 signal keys deleted; contact details cleared/),
    ).toBeTruthy();
  });
});

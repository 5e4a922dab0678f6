// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaseSummary } from '../api/types';
import { jsonResponse as json, renderRoutes } from '../testing/renderRoutes';
import { QueueRoute } from './QueueRoute';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const HOUR = 3_600_000;

function summary(id: string, dueInHours: number, over: Partial<CaseSummary> = {}): CaseSummary {
  const now = Date.now();
  return {
    id,
    kind: 'appeal',
    status: 'open',
    priority: 1,
    accountId: `AC-${id}`,
    suspensionId: null,
    openedAt: new Date(now - HOUR).toISOString(),
    dueAt: new Date(now + dueInHours * HOUR).toISOString(),
    overdue: dueInHours < 0,
    assignee: null,
    claimExpiresAt: null,
    outcome: null,
    version: 1,
    accountStatus: 'suspended',
    openingScore: 0.9,
    topReason: { code: 'SHORTENED_URL', message: 'Link through a URL shortener' },
    accountAgeDays: 3,
    accountMessages24h: 12,
    dueInSeconds: Math.round(dueInHours * 3600),
    closedWith: null,
    ...over,
  };
}

const QUEUE = [summary('cs_1', -1), summary('cs_2', 2), summary('cs_3', 5, { kind: 'flagged' })];

function serve() {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (url, init) => {
    if (String(url).endsWith('/api/cases/claim-next') && init?.method === 'POST') {
      return json({ case: summary('cs_9', 3, { assignee: { id: 'r', name: 'Rosa', email: 'r@x' } }) });
    }
    return json({ cases: QUEUE });
  });
}

function renderQueue() {
  return renderRoutes(
    [
      { path: '/review', element: <QueueRoute /> },
      { path: '/review/cases/:id', element: <p data-testid="case-page">case page</p> },
    ],
    '/review',
  ).router;
}

const selectedRow = () => document.querySelector('tr[aria-current="true"]')?.getAttribute('data-case-id');
const press = (key: string) => fireEvent.keyDown(document.body, { key });

describe('the queue', () => {
  it('moves with j and k and opens the selected case with Enter', async () => {
    serve();
    const router = renderQueue();
    await screen.findByText('cs_1');
    expect(screen.getByRole('table').querySelector('caption')?.textContent).toMatch(/^3 cases/);
    press('j');
    expect(selectedRow()).toBe('cs_1');
    press('j');
    press('j');
    press('j');
    expect(selectedRow()).toBe('cs_3');
    press('k');
    expect(selectedRow()).toBe('cs_2');
    // The selected row's link has focus, so assistive technology reads the row.
    expect(document.activeElement?.textContent).toBe('cs_2');
    fireEvent.keyDown(document.body, { key: 'Enter' });
    await screen.findByTestId('case-page');
    expect(router.state.location.pathname).toBe('/review/cases/cs_2');
  });

  it('claims the next case with c and opens it', async () => {
    const fetchSpy = serve();
    const router = renderQueue();
    await screen.findByText('cs_1');
    press('c');
    await screen.findByTestId('case-page');
    expect(router.state.location.pathname).toBe('/review/cases/cs_9');
    expect(
      fetchSpy.mock.calls.some(([u, i]) => String(u).endsWith('/claim-next') && i?.method === 'POST'),
    ).toBe(true);
  });

  it('ignores the keys while the reviewer types in a filter', async () => {
    serve();
    renderQueue();
    await screen.findByText('cs_1');
    const account = screen.getByLabelText('Account');
    fireEvent.keyDown(account, { key: 'j' });
    expect(selectedRow()).toBeUndefined();
  });

  it('marks the overdue row in red with a countdown, and sorts by a column header', async () => {
    serve();
    renderQueue();
    await screen.findByText('cs_1');
    const overdueRow = document.querySelector('tr[data-case-id="cs_1"]');
    expect(overdueRow?.className).toContain('overdue');
    expect(overdueRow?.querySelector('td.sla-overdue')?.textContent).toMatch(
      /overdue by 1 h|overdue by 5\d min/,
    );
    expect(document.querySelector('tr[data-case-id="cs_2"] td.sla')?.textContent).toMatch(
      /^in (1 h 5\d|2 h 00) min/,
    );
    fireEvent.click(screen.getByRole('button', { name: /^Kind/ }));
    fireEvent.click(screen.getByRole('button', { name: /^Kind/ }));
    const order = [...document.querySelectorAll('tbody tr')].map((r) => r.getAttribute('data-case-id'));
    expect(order).toEqual(['cs_3', 'cs_1', 'cs_2']);
    expect(screen.getByRole('columnheader', { name: /Kind/ }).getAttribute('aria-sort')).toBe('descending');
  });

  it('lists the shortcuts in a dialog opened with ? and closed with Escape', async () => {
    serve();
    renderQueue();
    await screen.findByText('cs_1');
    press('?');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(dialog.textContent).toContain('Claim the next case and open it');
    fireEvent.keyDown(document.body, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});

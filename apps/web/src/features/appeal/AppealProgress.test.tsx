// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { adaptAppeal } from '../../api/adapters';
import type { AppealView } from '../../api/types';
import { AppealProgress } from './AppealProgress';

afterEach(cleanup);

const base: AppealView = {
  suspension: { id: 'su_1', accountId: 'AC42', status: 'open', suspendedAt: '2026-11-29T10:00:00.000Z' },
  statement: {
    restriction: 'r',
    scope: 's',
    since: '2026-11-29T10:00:00.000Z',
    duration: 'd',
    facts: 'f',
    reasons: [{ code: 'SHORTENED_URL', message: 'Link through a URL shortener' }],
    ground: 'g',
    automatedDetection: true,
    automatedDecision: true,
    howToAppeal: 'h',
    appealBy: '2027-06-01T00:00:00.000Z',
    otherRedress: [],
  },
  dsa: {},
  examples: [],
  canAppeal: false,
  appeal: {
    reference: 'AP-7K3Q9D',
    status: 'info_requested',
    submittedAt: '2026-11-29T10:05:00.000Z',
    expectedResponseBy: '2026-11-30T10:05:00.000Z',
    explanation: 'x'.repeat(30),
    changes: null,
    pendingQuestion: 'Where did these recipients opt in?',
    outcome: null,
  },
  messages: [
    {
      id: '1',
      author: 'reviewer',
      body: 'Where did these recipients opt in?',
      at: '2026-11-29T11:00:00.000Z',
    },
  ],
};

function renderProgress(view: AppealView) {
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <AppealProgress appeal={adaptAppeal(view)} token="t.k" />
    </QueryClientProvider>,
  );
}

describe('AppealProgress', () => {
  it("shows the reviewer's question with a labelled answer field", () => {
    renderProgress(base);
    expect(screen.getByRole('heading', { name: 'A reviewer asked you a question' })).toBeTruthy();
    expect(screen.getByLabelText(/Your answer/)).toBeTruthy();
    expect(screen.getByTestId('appeal-status').textContent).toBe('More information requested');
  });

  it('shows the holder what they submitted', () => {
    renderProgress({
      ...base,
      appeal: {
        ...base.appeal!,
        explanation: 'These were delivery updates our customers asked for.',
        changes: 'We removed the link shortener.',
      },
    });
    expect(screen.getByRole('heading', { name: 'What you sent' })).toBeTruthy();
    expect(screen.getByTestId('appeal-sent-explanation').textContent).toBe(
      'These were delivery updates our customers asked for.',
    );
    expect(screen.getByText('We removed the link shortener.')).toBeTruthy();
  });

  it('shows a decided outcome with the reasons and no expected response time', () => {
    renderProgress({
      ...base,
      appeal: {
        ...base.appeal!,
        status: 'decided',
        pendingQuestion: null,
        outcome: {
          decision: 'upheld',
          rationale: 'Every message was the same lure.',
          decidedAt: '2026-11-30T09:00:00.000Z',
        },
      },
    });
    expect(screen.getByText('The suspension stays in place')).toBeTruthy();
    expect(screen.getByText('Every message was the same lure.')).toBeTruthy();
    expect(screen.queryByText('Expected response')).toBeNull();
    expect(screen.queryByLabelText(/Your answer/)).toBeNull();
  });
});

// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ScoreChart } from './ScoreChart';

afterEach(cleanup);

describe('ScoreChart', () => {
  it('draws one dot per message and describes the series in words', () => {
    const t = Date.UTC(2026, 10, 29, 10, 0);
    const { container } = render(
      <ScoreChart
        points={[
          { at: new Date(t), score: 0.1, action: 'allow' },
          { at: new Date(t + 60_000), score: 0.7, action: 'review' },
          { at: new Date(t + 120_000), score: 0.97, action: 'block' },
        ]}
      />,
    );
    expect(container.querySelectorAll('circle')).toHaveLength(3);
    const svg = screen.getByRole('img');
    expect(svg.getAttribute('aria-label')).toMatch(
      /3 messages scored.*highest score 0\.97.*1 allow, 1 review, 1 block/,
    );
    // Times in words, never raw ISO, in the label, the caption and the axis.
    expect(svg.getAttribute('aria-label')).toContain(
      'between 29 Nov 2026, 10:00 UTC and 29 Nov 2026, 10:02 UTC',
    );
    expect(container.textContent).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(container.textContent).toContain('29 Nov, 10:00');
  });

  it('says "1 message", not "1 messages"', () => {
    render(<ScoreChart points={[{ at: new Date(Date.UTC(2026, 10, 29)), score: 0.5, action: 'review' }]} />);
    expect(screen.getByRole('img').getAttribute('aria-label')).toMatch(/^1 message scored/);
  });

  it('says so when there is nothing to draw', () => {
    render(<ScoreChart points={[]} />);
    expect(screen.getByText('No scored messages.')).toBeTruthy();
  });
});

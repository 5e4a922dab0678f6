// @vitest-environment happy-dom
import { QueryClient } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../App';

afterEach(cleanup);

describe('unknown paths', () => {
  it('get the app’s not-found page with its own title, including a bare /appeal/', async () => {
    for (const path of ['/no-such-page', '/appeal/', '/appeal']) {
      window.history.replaceState(null, '', path);
      render(<App queryClient={new QueryClient()} />);
      expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Page not found');
      expect(screen.getByTestId('not-found')).toBeTruthy();
      expect(document.title).toBe('Page not found · Gavel');
      cleanup();
    }
  });
});

// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppealForm } from './AppealForm';

afterEach(cleanup);

function renderForm() {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <AppealForm token="t.k" />
    </QueryClientProvider>,
  );
}

describe('AppealForm', () => {
  it('labels every field', () => {
    renderForm();
    expect(screen.getByLabelText(/Why should we lift the suspension/)).toBeTruthy();
    expect(screen.getByLabelText(/Your contact email/)).toBeTruthy();
    expect(screen.getByLabelText(/What have you changed/)).toBeTruthy();
  });

  it('shows inline errors, ties them to the fields and sends nothing when invalid', () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    renderForm();
    fireEvent.click(screen.getByRole('button', { name: 'Send my appeal' }));
    const explanation = screen.getByLabelText(/Why should we lift the suspension/);
    expect(explanation.getAttribute('aria-invalid')).toBe('true');
    const describedBy = explanation.getAttribute('aria-describedby') ?? '';
    const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
    expect(document.getElementById(errorId ?? '')?.textContent).toMatch(/at least 20 characters/);
    expect(screen.getByLabelText(/Your contact email/).getAttribute('aria-invalid')).toBe('true');
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });
});

describe('AppealForm before the first submit', () => {
  it('shows no errors while the holder tabs through empty fields', () => {
    renderForm();
    for (const label of [
      /Why should we lift the suspension/,
      /Your contact email/,
      /What have you changed/,
    ]) {
      const field = screen.getByLabelText(label);
      fireEvent.focus(field);
      fireEvent.blur(field);
      expect(field.getAttribute('aria-invalid')).toBeNull();
    }
    expect(document.querySelectorAll('.field-error')).toHaveLength(0);
  });

  it('flags a half-written email when the holder leaves the field', () => {
    renderForm();
    const email = screen.getByLabelText(/Your contact email/);
    fireEvent.change(email, { target: { value: 'holder@' } });
    fireEvent.blur(email);
    expect(email.getAttribute('aria-invalid')).toBe('true');
  });
});

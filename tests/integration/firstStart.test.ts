import { ensureFirstStartCredentials, startupBanner } from '@gavel/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OwnGavel, startGavelOnOwnDatabase } from './gavelHarness';

let gavel: OwnGavel;

beforeAll(async () => {
  gavel = await startGavelOnOwnDatabase();
});

afterAll(async () => {
  await gavel?.close();
});

describe('a first start without BOOTSTRAP_ADMIN_*', () => {
  it('creates admin@gavel.local with a password shown once, which signs in; the next start shows none', async () => {
    const first = await ensureFirstStartCredentials(gavel.app, gavel.config);
    expect(first.admin?.email).toBe('admin@gavel.local');
    const password = first.admin!.password;
    expect(password.length).toBeGreaterThanOrEqual(20);
    const banner = startupBanner(gavel.config, first);
    expect(banner).toContain(`/review/login as admin@gavel.local, password ${password} (shown once`);

    const signIn = await gavel.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'admin@gavel.local', password },
    });
    expect(signIn.statusCode, signIn.body).toBe(200);
    expect(signIn.json().reviewer.role).toBe('admin');

    const again = await ensureFirstStartCredentials(gavel.app, gavel.config);
    expect(again.admin).toBeNull();
    expect(startupBanner(gavel.config, again)).toContain('(reviewers as created earlier)');
    expect(startupBanner(gavel.config, again)).not.toContain(password);
  });
});

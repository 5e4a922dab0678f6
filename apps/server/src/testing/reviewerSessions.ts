// Reviewer sign-ins for integration tests, through the app's own routes: the bootstrap admin signs
// in once, creates reviewers with POST /api/admin/reviewers, and each signs in with its password.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

export interface ReviewerCredentials {
  email: string;
  password: string;
}

export interface ReviewerSession {
  /** The `Cookie` header value: `gavel_session=...`. */
  cookie: string;
  csrf: string;
  /** The reviewer's id. */
  id: string;
}

export type ReviewerRole = 'reviewer' | 'lead' | 'admin';

export interface ReviewerSessions {
  /** Signs in and asserts a 200 with an HttpOnly, SameSite=Lax session cookie. */
  signIn(email: string, password: string): Promise<ReviewerSession>;
  /** The bootstrap admin, signed in on first use. */
  admin(): Promise<ReviewerSession>;
  /** A new reviewer of that role, created by the admin, signed in. */
  newReviewer(role?: ReviewerRole): Promise<ReviewerSession>;
  /** A request in that session; a POST carries the CSRF token and a body (`{}` by default). */
  as(
    session: ReviewerSession,
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse>;
}

export function reviewerSessions(app: FastifyInstance, admin?: ReviewerCredentials): ReviewerSessions {
  const uid = () => randomBytes(5).toString('hex');

  async function signIn(email: string, password: string): Promise<ReviewerSession> {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { email, password } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'gavel_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const body = res.json() as { csrfToken: string; reviewer: { id: string } };
    return { cookie: `gavel_session=${cookie?.value}`, csrf: body.csrfToken, id: body.reviewer.id };
  }

  let adminSession: Promise<ReviewerSession> | null = null;
  function adminOnce(): Promise<ReviewerSession> {
    if (!admin) throw new Error('reviewer sessions: the app was started without an admin');
    adminSession ??= signIn(admin.email, admin.password);
    return adminSession;
  }

  function as(s: ReviewerSession, method: 'GET' | 'POST', url: string, payload?: unknown) {
    return app.inject({
      method,
      url,
      headers: { cookie: s.cookie, ...(method === 'POST' ? { 'x-csrf-token': s.csrf } : {}) },
      ...(payload !== undefined
        ? { payload: payload as Record<string, unknown> }
        : method === 'POST'
          ? { payload: {} }
          : {}),
    });
  }

  async function newReviewer(role: ReviewerRole = 'reviewer'): Promise<ReviewerSession> {
    const email = `${role}-${uid()}@gavel.test`;
    const password = `pw-${uid()}-long-enough`;
    const res = await as(await adminOnce(), 'POST', '/api/admin/reviewers', {
      email,
      name: `Test ${role}`,
      password,
      role,
    });
    expect(res.statusCode).toBe(201);
    return signIn(email, password);
  }

  return { signIn, admin: adminOnce, newReviewer, as };
}

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import problemHandler from '../plugins/problemHandler';
import webAppPlugin from './plugin';

let app: FastifyInstance;
let dist: string;
const HTML = { accept: 'text/html,application/xhtml+xml' };

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'gavel-web-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root" data-app="gavel"></div>');
  app = Fastify({ routerOptions: { ignoreTrailingSlash: true } });
  await app.register(problemHandler);
  await app.register(webAppPlugin, { distDir: dist });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('serving the web app', () => {
  it('answers a browser on /appeal/ and unknown paths with the app (its not-found page), status 404', async () => {
    for (const url of ['/appeal/', '/appeal', '/no-such-page', '/review-typo/x']) {
      const res = await app.inject({ method: 'GET', url, headers: HTML });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.body, url).toContain('data-app="gavel"');
    }
  });

  it('keeps problem+json for API clients and API paths', async () => {
    const plain = await app.inject({ method: 'GET', url: '/no-such-page' });
    expect(plain.statusCode).toBe(404);
    expect(plain.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(plain.json().code).toBe('NOT_FOUND');
    const api = await app.inject({ method: 'GET', url: '/api/no-such-route', headers: HTML });
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    const v1 = await app.inject({ method: 'GET', url: '/v1/nothing', headers: HTML });
    expect(v1.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('still serves the client-side routes with 200', async () => {
    const res = await app.inject({ method: 'GET', url: '/review/queue', headers: HTML });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-app="gavel"');
  });
});

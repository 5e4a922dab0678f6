// The published contract as other tools read it: /openapi.json passes `redocly lint` (recommended
// rules) with no errors, and a client generated from it with openapi-typescript type-checks. Both
// tools run from node_modules (devDependencies); nothing is fetched at run time (telemetry and the
// update check are off).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from '@gavel/db/testing';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGavel, type TestGavel } from './gavelHarness';

const run = promisify(execFile);
const TESTS_DIR = fileURLToPath(new URL('..', import.meta.url));

let database: TestDatabase;
let gavel: TestGavel;
let dir: string;
let document: Record<string, unknown>;

beforeAll(async () => {
  database = await createTestDatabase();
  gavel = await startGavel({ database, redisUrl: null });
  dir = mkdtempSync(join(tmpdir(), 'gavel-openapi-'));
  const res = await gavel.app.inject({ method: 'GET', url: '/openapi.json' });
  expect(res.statusCode).toBe(200);
  document = res.json();
  writeFileSync(join(dir, 'openapi.json'), res.body);
});

afterAll(async () => {
  await gavel?.close();
  await database?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('/openapi.json', () => {
  it('passes redocly lint (recommended rules) with no errors', async () => {
    const result = await run(
      join(TESTS_DIR, 'node_modules/.bin/redocly'),
      ['lint', join(dir, 'openapi.json'), '--format=json', '--extends=recommended'],
      {
        cwd: dir,
        env: {
          ...process.env,
          REDOCLY_TELEMETRY: 'off',
          REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
          NO_COLOR: '1',
        },
        maxBuffer: 32 * 1024 * 1024,
      },
    ).catch((err: { stdout?: string; stderr?: string }) => ({
      stdout: err.stdout ?? '',
      stderr: err.stderr ?? '',
    }));
    const report = JSON.parse(result.stdout) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
    };
    const errors = report.problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(errors).toEqual([]);
    expect(report.totals.errors).toBe(0);
  });

  it('names every operation, gives it a summary and a security requirement; no wildcard paths', () => {
    const paths = document.paths as Record<string, Record<string, Record<string, unknown>>>;
    expect(Object.keys(paths)).toContain('/api/appeal/{token}');
    expect(Object.keys(paths)).toContain('/api/appeal/{token}/answers');
    const ids = new Set<string>();
    for (const [path, operations] of Object.entries(paths)) {
      expect(path).not.toMatch(/\{\*\}|\*/);
      for (const op of Object.values(operations)) {
        expect(typeof op.operationId, path).toBe('string');
        expect(typeof op.summary, path).toBe('string');
        expect(Array.isArray(op.security), path).toBe(true);
        ids.add(op.operationId as string);
      }
    }
    const count = Object.values(paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    expect(ids.size).toBe(count);
    const schemes = (document.components as { securitySchemes: Record<string, unknown> }).securitySchemes;
    expect(schemes.reviewerSession).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'gavel_session' });
  });

  it('generates a client with openapi-typescript that type-checks', async () => {
    const types = astToString(await openapiTS(document as never));
    writeFileSync(join(dir, 'gavel-api.d.ts'), types);
    // A caller of the generated types: the privacy routes and the portal's token path.
    writeFileSync(
      join(dir, 'use.ts'),
      `import type { operations, paths } from './gavel-api';
type ExportDoc = operations['exportAccount']['responses'][200]['content']['application/json'];
export const kept = (doc: ExportDoc): number => doc.erasures.flatMap((e) => e.kept).length;
type Erase = paths['/v1/admin/accounts/{accountId}/erase']['post'];
export const erasureId = (r: Erase['responses'][200]['content']['application/json']): string => r.erasureId;
type Appeal = paths['/api/appeal/{token}']['get']['parameters']['path'];
export const token: Appeal = { token: 'signed' };
`,
    );
    const program = ts.createProgram([join(dir, 'use.ts'), join(dir, 'gavel-api.d.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      skipLibCheck: false,
      types: [],
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  });
});

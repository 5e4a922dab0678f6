import { describe, expect, it } from 'vitest';
import { logSafeError, maskUrl } from './logging';

describe('what the request log may hold', () => {
  it('masks the appeal token in logged URLs, keeping the rest', () => {
    expect(maskUrl('/api/appeal/eyJzIjoi.c2ln/answers?x=1')).toBe('/api/appeal/[token]?x=1');
    expect(maskUrl('/appeal/eyJzIjoi.c2ln')).toBe('/appeal/[token]');
    expect(maskUrl('/v1/score')).toBe('/v1/score');
  });

  it('logs a database error by SQLSTATE and table, never its parameters', () => {
    const driver = Object.assign(new Error('duplicate key value'), {
      code: '23505',
      table_name: 'reviewers',
    });
    const drizzle = Object.assign(
      new Error('Failed query: insert into "reviewers" ... params: a@b.c,scrypt$N=1'),
      {
        query: 'insert into "reviewers" ("email") values ($1)',
        params: ['a@b.c', 'scrypt$N=1'],
        cause: driver,
      },
    );
    const logged = JSON.stringify(logSafeError(drizzle));
    expect(logged).not.toContain('a@b.c');
    expect(logged).not.toContain('scrypt');
    expect(JSON.parse(logged)).toMatchObject({ code: '23505', table: 'reviewers' });
    const plain = new Error('not a database error');
    expect(logSafeError(plain)).toBe(plain);
  });
});

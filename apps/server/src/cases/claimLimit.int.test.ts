import { randomBytes } from 'node:crypto';
import { flagAccount } from '@gavel/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OwnGavel, type ReviewerSession, startGavelOnOwnDatabase } from '../testing';

// Item 8 of issue 7: one reviewer could claim every open case. Now MAX_CLAIMS_PER_REVIEWER caps the
// live claims one reviewer holds, counted inside the claim's transaction (the reviewer's row locked).

const CAP = 3;

let gavel: OwnGavel;

beforeAll(async () => {
  gavel = await startGavelOnOwnDatabase({
    databaseMax: 10,
    redisUrl: null,
    admin: { email: 'claims-admin@gavel.test', password: 'claims-admin-password' },
    env: { ROLES: 'review', MAX_CLAIMS_PER_REVIEWER: String(CAP) },
  });
});

afterAll(async () => {
  await gavel?.close();
});

const post = (s: ReviewerSession, url: string) => gavel.reviewers.as(s, 'POST', url);

describe('claims per reviewer', () => {
  it('ten concurrent claim-next calls by one reviewer win at most the cap; the rest get 409 CLAIM_LIMIT_REACHED', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const { case: c } = await flagAccount(gavel.database.db, {
        accountId: `AC-cap-${randomBytes(4).toString('hex')}`,
        risk: 0.5,
        reasons: [],
      });
      if (c) ids.push(c.id);
    }
    const [greedy, other] = [await gavel.reviewers.newReviewer(), await gavel.reviewers.newReviewer()];

    const burst = await Promise.all(Array.from({ length: 10 }, () => post(greedy, '/api/cases/claim-next')));
    const won = burst.filter((r) => r.statusCode === 200 && r.json().case);
    const refused = burst.filter((r) => r.statusCode === 409);
    expect(won).toHaveLength(CAP);
    expect(refused).toHaveLength(10 - CAP);
    expect(refused[0].json()).toMatchObject({ code: 'CLAIM_LIMIT_REACHED', status: 409 });

    // An explicit claim counts too; re-claiming a case one holds does not add one.
    const held = won.map((r) => r.json().case.id as string);
    const free = ids.find((id) => !held.includes(id)) as string;
    expect((await post(greedy, `/api/cases/${free}/claim`)).json()).toMatchObject({
      code: 'CLAIM_LIMIT_REACHED',
    });
    expect((await post(greedy, `/api/cases/${held[0]}/claim`)).statusCode).toBe(200);

    // Another reviewer still finds work; releasing one gives the greedy reviewer room for one more.
    const taken = (await post(other, '/api/cases/claim-next')).json().case;
    expect(taken).toBeTruthy();
    const stillFree = ids.find((id) => !held.includes(id) && id !== taken.id) as string;
    expect((await post(greedy, `/api/cases/${held[0]}/release`)).statusCode).toBe(200);
    expect((await post(greedy, `/api/cases/${stillFree}/claim`)).statusCode).toBe(200);
  });
});

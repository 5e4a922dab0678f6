import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  changeAccountStatus,
  ensureAccount,
  getAccount,
  getAccountStandings,
  listAccountStatusChanges,
  setAccountLists,
  updateAccountRisk,
} from './accounts';
import {
  createApiKeyRow,
  findApiKeyByHash,
  listApiKeys,
  revokeApiKey,
  touchApiKeysLastUsed,
} from './apiKeys';
import type { Db } from './database';
import { countDecisions, getDecision, insertDecisions, listAccountDecisions } from './decisionLog';
import { flagAccount, getOpenSuspension, getSuspension } from './enforcement';
import { AllowlistedAccountError } from './errors';
import { newId } from './ids';
import { claimOutboxBatch, enqueueOutbox, markOutboxFailed, markOutboxSent, outboxBacklog } from './outbox';
import { executeRows } from './rawRows';
import {
  type ApiKeyScope,
  accountStatusChanges,
  accounts,
  caseEvents,
  decisions,
  outbox,
  suspensions,
} from './schema';
import { openForSuite, testDrivers } from './testing/drivers';
import { decisionRow, emailNotice, SIX_MONTHS_MS, uniqueId } from './testing/rows';
import { createReviewer, reason, rejected, suspend } from './testing/seed';

const DAY_MS = 24 * 3_600_000;

describe.each(testDrivers)('db queries on $name', (driver) => {
  let db: Db;
  openForSuite(driver, (opened) => {
    db = opened;
  });

  describe('accounts', () => {
    it('ensureAccount creates once, even when many callers race', async () => {
      const id = uniqueId('AC');
      const rows = await Promise.all(Array.from({ length: 5 }, () => ensureAccount(db, id)));
      expect(new Set(rows.map((r) => r.id))).toEqual(new Set([id]));
      expect(rows[0].status).toBe('active');
      const [{ n }] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(accounts)
        .where(eq(accounts.id, id));
      expect(n).toBe(1);
      expect(await getAccount(db, uniqueId('AC'))).toBeNull();
    });

    it('updateAccountRisk clamps into [0, 1] and creates the account', async () => {
      const id = uniqueId('AC');
      await updateAccountRisk(db, id, 7);
      expect((await getAccount(db, id))?.risk).toBe(1);
      await updateAccountRisk(db, id, Number.NaN);
      expect((await getAccount(db, id))?.risk).toBe(0);
    });

    it('setAccountLists keeps an account on at most one list', async () => {
      const id = uniqueId('AC');
      let row = await setAccountLists(db, id, { blocklisted: true, noticeEmail: 'a@example.test' });
      expect(row).toMatchObject({ blocklisted: true, allowlisted: false, noticeEmail: 'a@example.test' });
      row = await setAccountLists(db, id, { allowlisted: true, webhookUrl: 'https://hooks.example.test/x' });
      expect(row).toMatchObject({ blocklisted: false, allowlisted: true, noticeEmail: 'a@example.test' });
      expect(await rejected(setAccountLists(db, id, { allowlisted: true, blocklisted: true }))).toBe('23514');
      row = await setAccountLists(db, id, { noticeEmail: null });
      expect(row.noticeEmail).toBeNull();
    });

    it('changeAccountStatus records each change once and honours expectedFrom', async () => {
      const id = uniqueId('AC');
      const rv = await createReviewer(db);
      await ensureAccount(db, id);
      expect(await changeAccountStatus(db, { accountId: id, to: 'active', cause: 'automated' })).toBeNull();
      const change = await changeAccountStatus(db, { accountId: id, to: 'flagged', cause: 'automated' });
      expect(change).toMatchObject({ fromStatus: 'active', toStatus: 'flagged' });
      expect(
        await changeAccountStatus(db, {
          accountId: id,
          to: 'active',
          cause: 'reviewer',
          actorId: rv,
          expectedFrom: 'suspended',
        }),
      ).toBeNull();
      await changeAccountStatus(db, { accountId: id, to: 'active', cause: 'reviewer', actorId: rv, risk: 0 });
      const history = await listAccountStatusChanges(db, id);
      expect(history.map((h) => `${h.fromStatus}>${h.toStatus}`)).toEqual([
        'active>flagged',
        'flagged>active',
      ]);
      // A human change names its actor (SQL check).
      expect(
        await rejected(changeAccountStatus(db, { accountId: id, to: 'flagged', cause: 'reviewer' })),
      ).toBe('23514');
    });

    it('getAccountStandings answers any number of ids with one prepared statement', async () => {
      // Ids with the characters an array literal escapes, and one with no row (left out).
      const plain = uniqueId('AC');
      const quoted = `${uniqueId('AC')}"q\\b,{x}`;
      await ensureAccount(db, plain);
      await setAccountLists(db, quoted, { blocklisted: true });
      await changeAccountStatus(db, { accountId: plain, to: 'flagged', cause: 'automated' });
      const missing = uniqueId('AC');
      const byId = (rows: Awaited<ReturnType<typeof getAccountStandings>>) =>
        Object.fromEntries(rows.map((r) => [r.id, r]));
      const three = byId(await getAccountStandings(db, [plain, quoted, missing]));
      expect(three).toEqual({
        [plain]: { id: plain, status: 'flagged', allowlisted: false, blocklisted: false },
        [quoted]: { id: quoted, status: 'active', allowlisted: false, blocklisted: true },
      });
      // Another id count reuses the statement and still answers only what was asked.
      expect(await getAccountStandings(db, [quoted])).toEqual([three[quoted]]);
      expect(await getAccountStandings(db, [missing])).toEqual([]);
      expect(await getAccountStandings(db, [])).toEqual([]);
    });
  });

  describe('api keys', () => {
    it('stores hashes idempotently, revokes once and records last use without going backwards', async () => {
      const hash = 'a'.repeat(52) + uniqueId('').padStart(12, '0');
      const first = await createApiKeyRow(db, {
        name: 'pipeline',
        prefix: 'gvl_abcdefgh',
        keyHash: hash,
        scopes: ['score', 'events'],
      });
      const again = await createApiKeyRow(db, {
        name: 'again',
        prefix: 'gvl_abcdefgh',
        keyHash: hash,
        scopes: ['admin'],
      });
      expect(first.created).toBe(true);
      expect(again).toMatchObject({ created: false, key: { id: first.key.id, scopes: ['score', 'events'] } });
      expect((await findApiKeyByHash(db, hash))?.id).toBe(first.key.id);
      expect((await listApiKeys(db)).some((k) => k.id === first.key.id)).toBe(true);

      const later = new Date('2026-11-29T10:00:00Z');
      const earlier = new Date('2026-11-29T09:00:00Z');
      await touchApiKeysLastUsed(db, [first.key.id, first.key.id], later);
      await touchApiKeysLastUsed(db, [first.key.id], earlier);
      expect((await findApiKeyByHash(db, hash))?.lastUsedAt?.toISOString()).toBe(later.toISOString());

      expect(await revokeApiKey(db, first.key.id)).toBe(true);
      expect(await revokeApiKey(db, first.key.id)).toBe(false);
      expect((await findApiKeyByHash(db, hash))?.revokedAt).toBeInstanceOf(Date);
    });

    it('rejects a key hash that is not sha256 hex and unknown scopes', async () => {
      expect(
        await rejected(
          createApiKeyRow(db, { name: 'x', prefix: 'x', keyHash: 'plain-key', scopes: ['score'] }),
        ),
      ).toBe('23514');
      const hash = 'b'.repeat(52) + uniqueId('').padStart(12, '0');
      const unknownScope = ['root'] as unknown as ApiKeyScope[];
      expect(
        await rejected(createApiKeyRow(db, { name: 'x', prefix: 'x', keyHash: hash, scopes: unknownScope })),
      ).toBe('23514');
    });
  });

  describe('decisions', () => {
    it('is hash-partitioned into 16 partitions', async () => {
      const rows = await executeRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from pg_inherits where inhparent = 'decisions'::regclass`,
      );
      expect(Number(rows[0].n)).toBe(16);
    });

    it('a retried batch stores and counts nothing twice', async () => {
      const accountId = uniqueId('AC');
      const batch = Array.from({ length: 50 }, () => decisionRow({ accountId }));
      expect(await insertDecisions(db, batch)).toBe(50);
      expect(await insertDecisions(db, [...batch.slice(0, 20), decisionRow({ accountId })])).toBe(1);
      expect(await countDecisions(db, { accountId })).toBe(51);
    });

    it('reads back one decision exactly as written', async () => {
      const row = decisionRow({
        action: 'block',
        score: 0.97,
        excerpt: 'Your parcel is held: pay at http://bit.ly/***',
        reasons: [reason],
        degraded: ['signals'],
        decidedAt: new Date('2026-11-29T10:00:00.123Z'),
      });
      await insertDecisions(db, [row]);
      const stored = await getDecision(db, row.messageId);
      expect(stored).toMatchObject({
        ...row,
        score: expect.closeTo(0.97, 5),
        accountRisk: expect.closeTo(0.1, 5),
      });
      expect(stored?.decidedAt.toISOString()).toBe('2026-11-29T10:00:00.123Z');
      expect(await getDecision(db, uniqueId('SM'))).toBeNull();
    });

    it('never stores an excerpt for an allowed message', async () => {
      expect(await rejected(insertDecisions(db, [decisionRow({ action: 'allow', excerpt: 'hi' })]))).toBe(
        '23514',
      );
    });

    it('lists an account newest first, with paging and time filters', async () => {
      const accountId = uniqueId('AC');
      const base = Date.parse('2026-11-01T00:00:00Z');
      await insertDecisions(
        db,
        Array.from({ length: 30 }, (_, i) =>
          decisionRow({ accountId, decidedAt: new Date(base + i * 60_000) }),
        ),
      );
      await insertDecisions(db, [decisionRow({ accountId: uniqueId('AC'), decidedAt: new Date(base) })]);
      const page = await listAccountDecisions(db, accountId, { limit: 10 });
      expect(page).toHaveLength(10);
      expect(page[0].decidedAt.getTime()).toBe(base + 29 * 60_000);
      expect(page.every((d) => d.accountId === accountId)).toBe(true);
      const older = await listAccountDecisions(db, accountId, { limit: 100, before: page[9].decidedAt });
      expect(older).toHaveLength(20);
      expect(await countDecisions(db, { accountId, since: new Date(base + 10 * 60_000) })).toBe(20);
    });
  });

  describe('enforcement', () => {
    it('flagAccount opens one case with an opened event and one status change, however often it is called', async () => {
      const accountId = uniqueId('AC');
      const results = await Promise.all(
        Array.from({ length: 4 }, () => flagAccount(db, { accountId, risk: 0.7, reasons: [reason] })),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const caseIds = new Set(results.map((r) => r.case?.id));
      expect(caseIds.size).toBe(1);
      const caseId = results[0].case!.id;
      expect(await getAccount(db, accountId)).toMatchObject({
        status: 'flagged',
        risk: expect.closeTo(0.7, 5),
      });
      const events = await db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId));
      expect(events.map((e) => e.type)).toEqual(['opened']);
      const changes = await listAccountStatusChanges(db, accountId);
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({
        fromStatus: 'active',
        toStatus: 'flagged',
        cause: 'automated',
        caseId,
      });
    });

    it('suspendAccount writes account, suspension, status change and outbox in one transaction, once under a race', async () => {
      const accountId = uniqueId('AC');
      await flagAccount(db, { accountId, risk: 0.8, reasons: [reason] });
      const results = await Promise.all(
        Array.from({ length: 5 }, () => suspend(db, accountId, { risk: 0.95 })),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const ids = new Set(results.map((r) => r.suspension.id));
      expect(ids.size).toBe(1);
      const [id] = ids;
      expect(id).toMatch(/^su_/);
      expect(await getOpenSuspension(db, accountId)).toMatchObject({
        id,
        status: 'open',
        automatedDecision: true,
      });
      expect((await getSuspension(db, id))?.statement).toMatchObject({
        decision_account: 'DECISION_ACCOUNT_SUSPENDED',
      });
      expect(await getAccount(db, accountId)).toMatchObject({
        status: 'suspended',
        risk: expect.closeTo(0.95, 5),
      });
      const notices = await db.select().from(outbox).where(eq(outbox.accountId, accountId));
      expect(notices.map((n) => n.idempotencyKey)).toEqual([`suspension.notice:email:${id}`]);
      const changes = await listAccountStatusChanges(db, accountId);
      expect(changes.map((c) => c.toStatus)).toEqual(['flagged', 'suspended']);
      expect(changes[1].suspensionId).toBe(id);
    });

    it('a failed suspension leaves nothing behind', async () => {
      const accountId = uniqueId('AC');
      await ensureAccount(db, accountId);
      // Appeal window shorter than six months: the SQL check rejects it and the transaction rolls back.
      const code = await rejected(
        suspend(db, accountId, { appealDeadline: new Date(Date.now() + 7 * DAY_MS) }),
      );
      expect(code).toBe('23514');
      expect((await getAccount(db, accountId))?.status).toBe('active');
      expect(await getOpenSuspension(db, accountId)).toBeNull();
      expect(await db.select().from(outbox).where(eq(outbox.accountId, accountId))).toHaveLength(0);
    });

    it('never suspends an allowlisted account automatically (code and SQL trigger)', async () => {
      const accountId = uniqueId('AC');
      await setAccountLists(db, accountId, { allowlisted: true });
      await expect(suspend(db, accountId)).rejects.toBeInstanceOf(AllowlistedAccountError);
      const direct = db.insert(suspensions).values({
        id: newId('su'),
        accountId,
        reasons: [],
        statement: {},
        automatedDetection: true,
        automatedDecision: true,
        appealDeadline: new Date(Date.now() + SIX_MONTHS_MS),
      });
      expect(await rejected(direct)).toBe('GV003');
      // A reviewer may suspend it.
      const rv = await createReviewer(db);
      const { suspension, created } = await suspend(db, accountId, { decidedBy: rv });
      expect(created).toBe(true);
      expect(suspension).toMatchObject({ automatedDecision: false, decidedBy: rv });
    });

    it('allows at most one suspension in force per account: open or upheld, never duplicated; lifted frees it', async () => {
      const accountId = uniqueId('AC');
      const { suspension } = await suspend(db, accountId);
      const second = db.insert(suspensions).values({
        id: newId('su'),
        accountId,
        reasons: [],
        statement: {},
        automatedDetection: true,
        automatedDecision: true,
        appealDeadline: new Date(Date.now() + SIX_MONTHS_MS),
      });
      expect(await rejected(second)).toBe('23505');

      await db
        .update(suspensions)
        .set({ status: 'upheld', closedAt: new Date() })
        .where(eq(suspensions.id, suspension.id));
      expect((await getOpenSuspension(db, accountId))?.id).toBe(suspension.id);
      expect(await suspend(db, accountId)).toMatchObject({
        created: false,
        suspension: { id: suspension.id },
      });

      await db.update(suspensions).set({ status: 'lifted' }).where(eq(suspensions.id, suspension.id));
      expect(await getOpenSuspension(db, accountId)).toBeNull();
      const again = await suspend(db, accountId);
      expect(again.created).toBe(true);
      expect(again.suspension.id).not.toBe(suspension.id);
    });
  });

  describe('outbox', () => {
    it('enqueues once per idempotency key', async () => {
      const key = uniqueId('notice:');
      expect(await enqueueOutbox(db, [emailNotice(key), emailNotice(key)])).toHaveLength(1);
      expect(await enqueueOutbox(db, [emailNotice(key)])).toHaveLength(0);
    });

    it('concurrent claims never share a row; claimed rows stay hidden for the lease; sent and dead are final', async () => {
      const now = new Date(Date.now() + 365 * DAY_MS); // beyond every other test's rows
      const keys = Array.from({ length: 6 }, () => uniqueId('claim:'));
      await enqueueOutbox(
        db,
        keys.map((k) => ({ ...emailNotice(k), nextAttemptAt: new Date(now.getTime() - 1000) })),
      );
      const [a, b] = await Promise.all([
        claimOutboxBatch(db, { limit: 50, now }),
        claimOutboxBatch(db, { limit: 50, now }),
      ]);
      const mine = [...a, ...b].filter((r) => keys.includes(r.idempotencyKey));
      expect(new Set(mine.map((r) => r.id)).size).toBe(mine.length);
      expect(mine.length).toBe(6);
      expect(mine.every((r) => r.attempts === 1)).toBe(true);
      expect(
        (await claimOutboxBatch(db, { limit: 10, now })).filter((r) => keys.includes(r.idempotencyKey)),
      ).toHaveLength(0);

      const [sent, failed, dead] = mine;
      expect(await markOutboxSent(db, sent.id)).toBe(true);
      expect(await markOutboxSent(db, sent.id)).toBe(false);
      expect(await markOutboxFailed(db, failed.id, { error: 'ECONNREFUSED', nextAttemptAt: now })).toBe(true);
      expect(
        await markOutboxFailed(db, dead.id, { error: '550 no such user', nextAttemptAt: now, dead: true }),
      ).toBe(true);
      expect(await markOutboxFailed(db, dead.id, { error: 'again', nextAttemptAt: now })).toBe(false);

      const retried = (await claimOutboxBatch(db, { limit: 10, now })).filter((r) =>
        keys.includes(r.idempotencyKey),
      );
      expect(retried.map((r) => [r.id, r.attempts])).toEqual([[failed.id, 2]]);
      const backlog = await outboxBacklog(db);
      expect(backlog.pending).toBeGreaterThanOrEqual(4);
      expect(backlog.dead).toBeGreaterThanOrEqual(1);
      expect(backlog.oldestPendingAt).toBeInstanceOf(Date);
    });
  });

  it('status changes reference real accounts (foreign keys hold)', async () => {
    const orphan = db.insert(accountStatusChanges).values({
      accountId: uniqueId('AC'),
      fromStatus: 'active',
      toStatus: 'flagged',
      cause: 'automated',
    });
    expect(await rejected(orphan)).toBe('23503');
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(decisions)
      .where(and(eq(decisions.accountId, 'none')));
    expect(Number(row.n)).toBe(0);
  });
});

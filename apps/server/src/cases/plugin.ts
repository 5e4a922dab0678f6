import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ReviewerSessionService } from '../auth/reviewerSession.service';
import { CaseActionService } from './caseActions.service';
import { caseRoutes } from './cases.routes';
import { CaseService } from './cases.service';

/** The review queue, claims, the case page, the case actions and the lead dashboard. */
async function casesPlugin(app: FastifyInstance, opts: { sessions: ReviewerSessionService }) {
  const cases = new CaseService(app.db, {
    claimTtlMinutes: app.config.claimTtlMinutes,
    maxClaimsPerReviewer: app.config.maxClaimsPerReviewer,
  });
  const actions = new CaseActionService({
    db: app.db,
    enforcement: app.enforcement,
    // The decision is committed by then: a failed follow-up is logged, and the retention job retries it.
    afterDecision: () =>
      app.privacy
        .finishPendingErasures()
        .catch((err) => app.log.warn({ err }, 'follow-up erasure failed; the retention job retries it')),
  });
  await app.register(caseRoutes, { sessions: opts.sessions, cases, actions });
}

export default fp(casesPlugin, { name: 'cases', dependencies: ['config', 'db', 'enforcement', 'privacy'] });

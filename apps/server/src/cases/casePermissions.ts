import type { CaseActionType } from '@gavel/contracts';
import type { CaseWithAssignee, Reviewer, Suspension } from '@gavel/db';

export const isLead = (reviewer: Pick<Reviewer, 'role'>) =>
  reviewer.role === 'lead' || reviewer.role === 'admin';

/**
 * Why this reviewer may not take this action on this case, or null when they may. The one place the
 * rules live: the case page shows what passes, and every action is checked again under the row lock.
 *  - a decided case is closed;
 *  - only the holder of a live claim acts (notes excepted), so two reviewers never decide at once;
 *  - escalated cases are decided by leads only;
 *  - an appeal is decided by a human other than whoever decided the suspension (never automatically);
 *  - only appeals have a holder to ask (a flagged account's holder has not been told anything).
 * On a flagged case, reinstate clears the flag and uphold suspends the account.
 */
export function actionRefusal(
  action: CaseActionType,
  c: Pick<CaseWithAssignee, 'kind' | 'status' | 'assignee'>,
  reviewer: Pick<Reviewer, 'id' | 'role'>,
  suspension: Pick<Suspension, 'decidedBy'> | null,
): { status: 403 | 409; detail: string } | null {
  if (c.status === 'decided') return { status: 409, detail: 'This case is already decided.' };
  if (action === 'note') return null;
  if (!c.assignee) return { status: 409, detail: 'Claim this case before acting on it.' };
  if (c.assignee.id !== reviewer.id) {
    return {
      status: 409,
      detail: `${c.assignee.name} holds this case; they act on it unless they release it.`,
    };
  }
  const deciding = action === 'reinstate' || action === 'uphold';
  if (deciding && c.status === 'escalated' && !isLead(reviewer)) {
    return { status: 403, detail: 'This case is escalated: only a lead can decide it.' };
  }
  if (deciding && c.kind === 'appeal' && suspension?.decidedBy && suspension.decidedBy === reviewer.id) {
    return {
      status: 403,
      detail: 'You decided the original suspension, so another reviewer must decide the appeal.',
    };
  }
  if (action === 'escalate' && c.status === 'escalated')
    return { status: 409, detail: 'This case is already escalated.' };
  if (action === 'ask' && c.kind !== 'appeal')
    return { status: 409, detail: 'Only an appeal has a holder to ask.' };
  if (action === 'ask' && c.status === 'awaiting_info') {
    return { status: 409, detail: 'A question is already waiting for the holder.' };
  }
  return null;
}

const ACTIONS: CaseActionType[] = ['reinstate', 'uphold', 'escalate', 'ask', 'note'];

export function allowedActions(
  c: Pick<CaseWithAssignee, 'kind' | 'status' | 'assignee'>,
  reviewer: Pick<Reviewer, 'id' | 'role'>,
  suspension: Pick<Suspension, 'decidedBy'> | null,
): CaseActionType[] {
  return ACTIONS.filter((a) => actionRefusal(a, c, reviewer, suspension) === null);
}

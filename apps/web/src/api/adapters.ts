// adapt* mappers: wire DTOs (ISO strings, nullable fields) into the shapes components use
// (Dates, derived labels). Components never see a DTO.
import { describeSignals, type SignalRow } from './accountSignals';
import type {
  AppealView,
  CaseDetail as CaseDetailDto,
  CaseDetailFacts,
  CaseEventView,
  CaseMessage,
  QueueCaseSummary as CaseSummaryDto,
  ConsoleScorePoint,
  Dashboard as DashboardDto,
  ReviewerRole,
  ReviewerView,
  SessionView,
} from './types';

export type AppealStatus = 'received' | 'in_review' | 'info_requested' | 'decided';

export const APPEAL_STATUS_LABEL: Record<AppealStatus, string> = {
  received: 'Received',
  in_review: 'In review',
  info_requested: 'More information requested',
  decided: 'Decided',
};

export interface Message {
  id: string;
  author: 'reviewer' | 'holder';
  body: string;
  at: Date;
}

export interface Appeal {
  suspensionId: string;
  accountId: string;
  suspensionLifted: boolean;
  suspendedAt: Date;
  statement: {
    restriction: string;
    scope: string;
    duration: string;
    facts: string;
    reasons: { code: string; message: string }[];
    ground: string;
    automatedDetection: boolean;
    automatedDecision: boolean;
    howToAppeal: string;
    appealBy: Date;
    otherRedress: string[];
  };
  dsa: Record<string, unknown>;
  examples: string[];
  canAppeal: boolean;
  submitted: null | {
    reference: string;
    status: AppealStatus;
    submittedAt: Date;
    expectedResponseBy: Date;
    explanation: string;
    changes: string | null;
    pendingQuestion: string | null;
    outcome: null | { decision: 'reinstated' | 'upheld'; rationale: string; decidedAt: Date };
  };
  messages: Message[];
}

const adaptMessage = (m: CaseMessage): Message => ({ ...m, at: new Date(m.at) });

export function adaptAppeal(dto: AppealView): Appeal {
  const a = dto.appeal;
  return {
    suspensionId: dto.suspension.id,
    accountId: dto.suspension.accountId,
    suspensionLifted: dto.suspension.status === 'lifted',
    suspendedAt: new Date(dto.suspension.suspendedAt),
    statement: {
      ...dto.statement,
      reasons: dto.statement.reasons.map((r) => ({ code: r.code, message: r.message })),
      appealBy: new Date(dto.statement.appealBy),
    },
    dsa: dto.dsa,
    examples: dto.examples.slice(0, 3),
    canAppeal: dto.canAppeal,
    submitted: a
      ? {
          reference: a.reference,
          status: a.status,
          submittedAt: new Date(a.submittedAt),
          expectedResponseBy: new Date(a.expectedResponseBy),
          explanation: a.explanation,
          changes: a.changes,
          pendingQuestion: a.pendingQuestion,
          outcome: a.outcome ? { ...a.outcome, decidedAt: new Date(a.outcome.decidedAt) } : null,
        }
      : null,
    messages: dto.messages.map(adaptMessage),
  };
}

export interface Reviewer {
  id: string;
  email: string;
  name: string;
  role: ReviewerRole;
  isLead: boolean;
  isAdmin: boolean;
}

export function adaptReviewer(dto: ReviewerView): Reviewer {
  return { ...dto, isLead: dto.role === 'lead' || dto.role === 'admin', isAdmin: dto.role === 'admin' };
}

export interface Session {
  reviewer: Reviewer;
  csrfToken: string;
}

export function adaptSession(dto: SessionView): Session {
  return { reviewer: adaptReviewer(dto.reviewer), csrfToken: dto.csrfToken };
}

export const CASE_STATUS_LABEL: Record<string, string> = {
  open: 'Open',
  awaiting_info: 'Awaiting holder',
  escalated: 'Escalated',
  decided: 'Decided',
};

export const CASE_KIND_LABEL: Record<string, string> = { appeal: 'Appeal', flagged: 'Flagged account' };

export interface CaseSummary {
  id: string;
  kind: string;
  kindLabel: string;
  status: string;
  statusLabel: string;
  priority: number;
  accountId: string;
  suspensionId: string | null;
  openedAt: Date;
  dueAt: Date;
  overdue: boolean;
  assignee: { id: string; name: string; email: string } | null;
  claimExpiresAt: Date | null;
  outcome: string | null;
  version: number;
  /** What opened the case: the deciding message's score and strongest reason (null: not sent). */
  openingScore: number | null;
  openingReason: { code: string; message: string } | null;
  accountCreatedAt: Date | null;
  accountMessages24h: number | null;
}

export function adaptCaseSummary(dto: CaseSummaryDto): CaseSummary {
  const { openingScore, openingReason, accountCreatedAt, accountMessages24h, ...rest } = dto;
  return {
    ...rest,
    kindLabel: CASE_KIND_LABEL[dto.kind] ?? dto.kind,
    statusLabel: CASE_STATUS_LABEL[dto.status] ?? dto.status,
    openedAt: new Date(dto.openedAt),
    dueAt: new Date(dto.dueAt),
    claimExpiresAt: dto.claimExpiresAt ? new Date(dto.claimExpiresAt) : null,
    openingScore: openingScore ?? null,
    openingReason: openingReason ?? null,
    accountCreatedAt: accountCreatedAt ? new Date(accountCreatedAt) : null,
    accountMessages24h: accountMessages24h ?? null,
  };
}

export interface CaseEvent {
  id: string;
  type: string;
  actor: string;
  at: Date;
  detail: string | null;
}

const adaptEvent = (e: CaseEventView): CaseEvent => ({ ...e, at: new Date(e.at) });

export interface CaseDetail {
  summary: CaseSummary;
  account: Omit<CaseDetailDto['account'], 'createdAt' | 'statusHistory'> & {
    createdAt: Date;
    statusHistory: { from: string | null; to: string; at: Date; actor: string }[];
  };
  suspension: { id: string; status: string; suspendedAt: Date; decidedBy: string | null } | null;
  /** Model-scored messages, oldest first. */
  scores: ScoredMessage[];
  /** Messages blocked only because the account was already suspended: no model score behind them. */
  suspendedOnly: { count: number; first: Date | null; last: Date | null };
  latestDecision: LatestDecision | null;
  topReasons: { code: string; message: string; weight: number }[];
  signalsAtDecision: SignalRow[];
  samples: {
    messageId: string;
    at: Date;
    score: number;
    action: string;
    excerpt: string;
    reasons: { code: string; message: string }[];
  }[];
  appeal: (Omit<NonNullable<CaseDetailDto['appeal']>, 'submittedAt'> & { submittedAt: Date }) | null;
  messages: Message[];
  earlierCases: CaseSummary[];
  events: CaseEvent[];
  allowedActions: string[];
}

export interface ScoredMessage {
  messageId: string;
  at: Date;
  score: number;
  action: string;
}

export interface LatestDecision {
  outcome: string;
  at: Date;
  by: string;
  caseId: string | null;
  rationale: string | null;
}

type StatusChange = { from: string | null; to: string; at: Date; actor: string };

const AUTOMATED_ACTOR = 'Gavel (automated)';

/**
 * Which scored messages were blocked only because the account was already suspended. The server
 * marks them (`suspendedOnly`); an older server does not, and then such a message is recognised as
 * it is stored: a block with score 1.00 (no model ran) while the account's history says suspended.
 */
function splitSuspendedOnly(
  points: (ConsoleScorePoint & { at: string })[],
  history: StatusChange[],
): { scores: ScoredMessage[]; suspendedOnly: CaseDetail['suspendedOnly'] } {
  const suspendedAt = (t: number) => {
    let status: string | null = null;
    for (const h of history) if (h.at.getTime() <= t) status = h.to;
    return status === 'suspended';
  };
  const scores: ScoredMessage[] = [];
  const blocked: Date[] = [];
  for (const p of points) {
    const at = new Date(p.at);
    const onlySuspended =
      p.suspendedOnly ?? (p.action === 'block' && p.score >= 1 && suspendedAt(at.getTime()));
    if (onlySuspended) blocked.push(at);
    else scores.push({ messageId: p.messageId, at, score: p.score, action: p.action });
  }
  scores.sort((a, b) => a.at.getTime() - b.at.getTime());
  blocked.sort((a, b) => a.getTime() - b.getTime());
  return {
    scores,
    suspendedOnly: { count: blocked.length, first: blocked[0] ?? null, last: blocked.at(-1) ?? null },
  };
}

const DECISION_OF_STATUS: Record<string, string> = {
  active: 'reinstated',
  suspended: 'suspended',
  flagged: 'flagged',
};

/** The server's latest decision, or else the newest status change a person made. */
function latestDecisionOf(
  given: CaseDetailFacts['latestDecision'],
  history: StatusChange[],
): LatestDecision | null {
  if (given) {
    return {
      outcome: given.outcome,
      at: new Date(given.decidedAt),
      by: given.decidedBy,
      caseId: given.caseId,
      rationale: given.rationale,
    };
  }
  const byPerson = history.filter((h) => h.actor !== AUTOMATED_ACTOR).at(-1);
  return byPerson
    ? {
        outcome: DECISION_OF_STATUS[byPerson.to] ?? byPerson.to,
        at: byPerson.at,
        by: byPerson.actor,
        caseId: null,
        rationale: null,
      }
    : null;
}

export function adaptCaseDetail(dto: CaseDetailDto & CaseDetailFacts): CaseDetail {
  const statusHistory = dto.account.statusHistory
    .map((s) => ({ ...s, at: new Date(s.at) }))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const { scores, suspendedOnly } = splitSuspendedOnly(dto.scores, statusHistory);
  return {
    summary: adaptCaseSummary(dto.case),
    account: { ...dto.account, createdAt: new Date(dto.account.createdAt), statusHistory },
    suspension: dto.suspension
      ? { ...dto.suspension, suspendedAt: new Date(dto.suspension.suspendedAt) }
      : null,
    scores,
    suspendedOnly,
    latestDecision: latestDecisionOf(dto.latestDecision, statusHistory),
    topReasons: dto.topReasons,
    signalsAtDecision: describeSignals(dto.signalsAtDecision),
    samples: dto.samples.map((s) => ({ ...s, at: new Date(s.at) })),
    appeal: dto.appeal ? { ...dto.appeal, submittedAt: new Date(dto.appeal.submittedAt) } : null,
    messages: dto.messages.map(adaptMessage),
    earlierCases: dto.earlierCases.map(adaptCaseSummary),
    events: dto.events.map(adaptEvent),
    allowedActions: dto.allowedActions,
  };
}

export interface RateRow {
  key: string;
  decided: number;
  overturned: number;
  rate: number;
}

export interface Dashboard {
  openByAge: { bucket: string; count: number }[];
  overdue: number;
  decisionsPerDay: { day: string; reinstated: number; upheld: number }[];
  overturnByReason: RateRow[];
  overturnByModel: RateRow[];
}

export function adaptDashboard(dto: DashboardDto): Dashboard {
  return { ...dto };
}

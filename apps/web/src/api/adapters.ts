// adapt* mappers: wire DTOs (ISO strings, nullable fields) into the shapes components use
// (Dates, derived labels). Components never see a DTO.
import { describeSignals, type SignalRow } from './accountSignals';
import type {
  AccountPage as AccountPageDto,
  AppealView,
  CaseDetail as CaseDetailDto,
  CaseEventView,
  CaseMessage,
  CaseSummary as CaseSummaryDto,
  Dashboard as DashboardDto,
  DecisionView,
  EraseResult as EraseResultDto,
  LatestDecisionDto,
  RetentionStatus,
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
  /** The account's status now, which may have moved on since the case opened. */
  accountStatus: string;
  /** What opened the case: the strongest decision's score and its top reason (null: no evidence). */
  openingScore: number | null;
  openingReason: { code: string; message: string } | null;
  accountAgeDays: number;
  accountMessages24h: number;
  /** Closed because a decision in another case settled the same restriction. */
  closedWith: { caseId: string; kind: string } | null;
}

export function adaptCaseSummary(dto: CaseSummaryDto): CaseSummary {
  const { topReason, dueInSeconds: _countdownFromDueAt, ...rest } = dto;
  return {
    ...rest,
    kindLabel: CASE_KIND_LABEL[dto.kind] ?? dto.kind,
    statusLabel: CASE_STATUS_LABEL[dto.status] ?? dto.status,
    openedAt: new Date(dto.openedAt),
    dueAt: new Date(dto.dueAt),
    claimExpiresAt: dto.claimExpiresAt ? new Date(dto.claimExpiresAt) : null,
    openingReason: topReason,
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
  /** The counts the statement of reasons states (the 24 hours up to the restriction). */
  evidenceCounts: Omit<CaseDetailDto['evidenceCounts'], 'from' | 'to'> & { from: Date; to: Date };
  /** Other undecided cases of the same account. */
  openCases: CaseSummary[];
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

/** Newest decision on any case of the account: it may postdate the case on screen. */
function adaptLatestDecision(dto: LatestDecisionDto | null): LatestDecision | null {
  return dto
    ? {
        outcome: dto.outcome,
        at: new Date(dto.decidedAt),
        by: dto.decidedBy,
        caseId: dto.caseId,
        rationale: dto.rationale || null,
      }
    : null;
}

export function adaptCaseDetail(dto: CaseDetailDto): CaseDetail {
  const statusHistory = dto.account.statusHistory
    .map((s) => ({ ...s, at: new Date(s.at) }))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const blockedAt = dto.blockedWhileSuspended.points
    .map((p) => new Date(p.at))
    .sort((a, b) => a.getTime() - b.getTime());
  return {
    summary: adaptCaseSummary(dto.case),
    account: { ...dto.account, createdAt: new Date(dto.account.createdAt), statusHistory },
    suspension: dto.suspension
      ? { ...dto.suspension, suspendedAt: new Date(dto.suspension.suspendedAt) }
      : null,
    scores: dto.scores
      .map((p) => ({ ...p, at: new Date(p.at) }))
      .sort((a, b) => a.at.getTime() - b.at.getTime()),
    suspendedOnly: {
      count: dto.blockedWhileSuspended.count,
      first: blockedAt[0] ?? null,
      last: blockedAt.at(-1) ?? null,
    },
    evidenceCounts: {
      ...dto.evidenceCounts,
      from: new Date(dto.evidenceCounts.from),
      to: new Date(dto.evidenceCounts.to),
    },
    openCases: dto.openCases.map(adaptCaseSummary),
    latestDecision: adaptLatestDecision(dto.latestDecision),
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

export interface AccountDecision {
  messageId: string;
  at: Date;
  channel: string;
  action: string;
  /** Null for a message blocked only because the account was suspended: no model ran. */
  score: number | null;
  blockedWhileSuspended: boolean;
  reasons: { code: string; message: string }[];
  modelVersion: string;
  excerpt: string | null;
}

export interface AccountOverview {
  account: Omit<AccountPageDto['account'], 'firstSeenAt'> & { firstSeenAt: Date };
  statusHistory: { from: string; to: string; at: Date; actor: string; caseId: string | null }[];
  suspensions: {
    id: string;
    status: string;
    suspendedAt: Date;
    closedAt: Date | null;
    automatedDecision: boolean;
    reasons: { code: string; message: string }[];
  }[];
  cases: CaseSummary[];
  decisions: AccountDecision[];
  olderDecisionsBefore: string | null;
  signals: SignalRow[];
  notices: {
    id: string;
    topic: string;
    kind: string;
    status: string;
    createdAt: Date;
    sentAt: Date | null;
  }[];
  pendingErasure: { id: string; requestedAt: Date; heldCaseIds: string[] } | null;
  canManagePrivacy: boolean;
}

export function adaptAccountDecision(d: DecisionView): AccountDecision {
  return { ...d, at: new Date(d.at), reasons: d.reasons.map((r) => ({ code: r.code, message: r.message })) };
}

export function adaptAccountPage(dto: AccountPageDto): AccountOverview {
  return {
    account: { ...dto.account, firstSeenAt: new Date(dto.account.firstSeenAt) },
    statusHistory: dto.statusHistory
      .map((h) => ({ ...h, at: new Date(h.at) }))
      .sort((a, b) => b.at.getTime() - a.at.getTime()),
    suspensions: dto.suspensions.map((s) => ({
      ...s,
      suspendedAt: new Date(s.suspendedAt),
      closedAt: s.closedAt ? new Date(s.closedAt) : null,
      reasons: s.reasons.map((r) => ({ code: r.code, message: r.message })),
    })),
    cases: dto.cases.map(adaptCaseSummary),
    decisions: dto.decisions.decisions.map(adaptAccountDecision),
    olderDecisionsBefore: dto.decisions.nextBefore,
    // The server labels and orders them already; the same reader formats the values.
    signals: describeSignals(Object.fromEntries(dto.signals.map((s) => [s.key, s.value]))).map((row) => ({
      ...row,
      label: dto.signals.find((s) => s.key === row.key)?.label ?? row.label,
    })),
    notices: dto.notices.map((n) => ({
      ...n,
      createdAt: new Date(n.createdAt),
      sentAt: n.sentAt ? new Date(n.sentAt) : null,
    })),
    pendingErasure: dto.pendingErasure
      ? { ...dto.pendingErasure, requestedAt: new Date(dto.pendingErasure.requestedAt) }
      : null,
    canManagePrivacy: dto.canManagePrivacy,
  };
}

export interface Erasure {
  status: 'pending' | 'complete';
  nothingLeft: boolean;
  requestedAt: Date;
  erased: EraseResultDto['erased'];
  kept: EraseResultDto['kept'];
}

export function adaptEraseResult(dto: EraseResultDto): Erasure {
  return {
    status: dto.status,
    nothingLeft: dto.nothingLeft,
    requestedAt: new Date(dto.requestedAt),
    erased: dto.erased,
    kept: dto.kept,
  };
}

export interface Retention {
  excerptDays: number;
  intervalMinutes: number;
  lastRun: null | {
    startedAt: Date;
    finishedAt: Date;
    ok: boolean;
    excerptsCleared: number;
    erasuresCompleted: number;
  };
}

export function adaptRetention(dto: RetentionStatus): Retention {
  return {
    ...dto.settings,
    lastRun: dto.lastRun
      ? {
          ...dto.lastRun,
          startedAt: new Date(dto.lastRun.startedAt),
          finishedAt: new Date(dto.lastRun.finishedAt),
        }
      : null,
  };
}

import { DSA_STATEMENT_CATEGORIES, DSA_TERRITORIES, type DsaStatementSubmission } from '@gavel/contracts';
import type { SuspensionRow } from '@gavel/db';

const CATEGORIES = new Set<string>(DSA_STATEMENT_CATEGORIES);
const TERRITORIES = new Set<string>(DSA_TERRITORIES);
/** Renamed by the database on 1 July 2025; statements written before then carry the old name. */
const RENAMED_CATEGORIES: Record<string, string> = {
  STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE: 'STATEMENT_CATEGORY_OTHER_VIOLATION_TC',
};

const day = (d: Date) => d.toISOString().slice(0, 10);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The database takes no personal data (DSA Art. 24(5)): the account id, the holder's contacts and
 * the message excerpts stay out. The facts name "the account" instead of its id; the examples and
 * the appeal link are not part of the submission format at all.
 */
function withoutAccountId(text: string, accountId: string): string {
  return text
    .replace(new RegExp(`account ${escapeRegExp(accountId)}`, 'g'), 'the account')
    .replaceAll(accountId, '[account]');
}

/**
 * One suspension's statement of reasons as a Transparency Database submission. The stored statement
 * already uses the database's field names; this picks the format's fields, renames a retired
 * category, keeps territorial scope to EU/EEA codes, and says when a restriction has ended.
 */
export function dsaSubmission(s: SuspensionRow): DsaStatementSubmission {
  const st = s.statement;
  const rawCategory = str(st.category) ?? 'STATEMENT_CATEGORY_OTHER_VIOLATION_TC';
  const renamed = RENAMED_CATEGORIES[rawCategory] ?? rawCategory;
  const category = (
    CATEGORIES.has(renamed) ? renamed : 'STATEMENT_CATEGORY_OTHER_VIOLATION_TC'
  ) as DsaStatementSubmission['category'];
  const keywords = Array.isArray(st.category_specification)
    ? st.category_specification.filter(
        (k): k is string => typeof k === 'string' && /^KEYWORD_[A-Z_]+$/.test(k),
      )
    : [];
  const scope = (Array.isArray(st.territorial_scope) ? st.territorial_scope : []).filter(
    (c): c is DsaStatementSubmission['territorial_scope'][number] =>
      typeof c === 'string' && TERRITORIES.has(c),
  );
  const facts = withoutAccountId(
    str(st.decision_facts) ?? 'The account sent messages our Acceptable Use Policy does not allow.',
    s.accountId,
  );
  const other = str(st.category_specification_other);
  const termsUrl = str(st.termsUrl) ?? str(st.decision_ground_reference_url);
  const contentDate = str(st.content_date);
  return {
    decision_account: 'DECISION_ACCOUNT_SUSPENDED',
    decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
    ...(termsUrl ? { decision_ground_reference_url: clip(termsUrl, 500) } : {}),
    incompatible_content_ground: clip(
      str(st.incompatible_content_ground) ?? 'Acceptable Use Policy: spam, phishing and fraud',
      500,
    ),
    incompatible_content_explanation: clip(
      withoutAccountId(
        str(st.incompatible_content_explanation) ??
          'The account sent messages our Acceptable Use Policy does not allow.',
        s.accountId,
      ),
      2000,
    ),
    incompatible_content_illegal: st.incompatible_content_illegal === 'Yes' ? 'Yes' : 'No',
    category,
    ...(keywords.length ? { category_specification: keywords } : {}),
    ...(other && keywords.includes('KEYWORD_OTHER')
      ? { category_specification_other: clip(other, 500) }
      : {}),
    content_type: ['CONTENT_TYPE_TEXT'],
    content_date: contentDate && /^\d{4}-\d{2}-\d{2}$/.test(contentDate) ? contentDate : day(s.openedAt),
    application_date: day(s.openedAt),
    // Indefinite when issued; a reinstatement ends it, and the end is known by export time.
    ...(s.status === 'lifted' && s.closedAt ? { end_date_account_restriction: day(s.closedAt) } : {}),
    territorial_scope: scope.length > 0 ? scope : [...DSA_TERRITORIES],
    decision_facts: clip(facts, 5000),
    source_type: 'SOURCE_VOLUNTARY',
    automated_detection: s.automatedDetection ? 'Yes' : 'No',
    automated_decision: s.automatedDecision ? 'AUTOMATED_DECISION_FULLY' : 'AUTOMATED_DECISION_NOT_AUTOMATED',
    // Suspension ids are 'su_' + base64url: already in the puid alphabet; anything else is replaced.
    puid: s.id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 500),
  };
}

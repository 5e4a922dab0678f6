// Mirrors the server's schema (20–5,000 characters, an email) so the holder sees problems
// before submitting; the server validates again.
export const EXPLANATION_MIN = 20;
export const EXPLANATION_MAX = 5000;

export interface AppealDraft {
  explanation: string;
  contactEmail: string;
  changes: string;
}

export type AppealErrors = Partial<Record<keyof AppealDraft, string>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateAppeal(draft: AppealDraft): AppealErrors {
  const errors: AppealErrors = {};
  const length = draft.explanation.trim().length;
  if (length < EXPLANATION_MIN) {
    errors.explanation = `Please explain in at least ${EXPLANATION_MIN} characters (you have ${length}).`;
  } else if (draft.explanation.length > EXPLANATION_MAX) {
    errors.explanation = `Please keep your explanation under ${EXPLANATION_MAX.toLocaleString('en')} characters.`;
  }
  if (!EMAIL.test(draft.contactEmail.trim()))
    errors.contactEmail = 'Enter an email address like name@example.com.';
  if (draft.changes.length > EXPLANATION_MAX) {
    errors.changes = `Please keep this under ${EXPLANATION_MAX.toLocaleString('en')} characters.`;
  }
  return errors;
}

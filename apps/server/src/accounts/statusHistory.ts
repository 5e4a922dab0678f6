import type { AccountStatusChange } from '@gavel/db';

/**
 * One change of an account's standing as the console shows it, on the account page and the case
 * page alike: automated changes are Gavel's; a person's carries their name (`names`: reviewer id ->
 * name), else the recorded cause.
 */
export function statusChangeView(h: AccountStatusChange, names: ReadonlyMap<string, string>) {
  return {
    from: h.fromStatus,
    to: h.toStatus,
    at: h.at.toISOString(),
    actor: h.cause === 'automated' ? 'Gavel (automated)' : ((h.actorId && names.get(h.actorId)) ?? h.cause),
  };
}

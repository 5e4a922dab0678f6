import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../api/client';
import type { AccountExport } from '../api/types';
import { accountPath } from './useAccountQuery';

/**
 * Fetches the account's export and hands it to the browser as a file download. A fetch (not a
 * plain link) so the session's failures (403 for a non-admin, 404) show as messages on the page.
 */
export function useExportAccountMutation(id: string) {
  return useMutation({
    mutationFn: async () => {
      const document = await apiRequest<AccountExport>('GET', `${accountPath(id)}/export`);
      const blob = new Blob([JSON.stringify(document, null, 2)], { type: 'application/json' });
      const url = URL.createObjectURL(blob);
      const link = window.document.createElement('a');
      link.href = url;
      link.download = `gavel-account-${id}-export.json`;
      window.document.body.append(link);
      link.click();
      link.remove();
      // Revoked on the next turn: the download has taken its copy by then.
      setTimeout(() => URL.revokeObjectURL(url), 0);
      return { decisions: document.decisions.length, cases: document.cases.length };
    },
  });
}

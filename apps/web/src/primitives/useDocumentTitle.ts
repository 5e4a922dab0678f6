import { useEffect } from 'react';

const APP_NAME = 'Gavel';

/**
 * Each page names itself in the tab and the history list ("Case cs_12 · Gavel review"), so a
 * reviewer with ten tabs open, or a screen reader announcing the page change, can tell them apart.
 */
export function useDocumentTitle(title: string | null, area: 'review' | 'holder' = 'review'): void {
  useEffect(() => {
    if (!title) return;
    document.title = `${title} · ${area === 'review' ? `${APP_NAME} review` : APP_NAME}`;
  }, [title, area]);
}

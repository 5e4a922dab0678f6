import { useEffect, useRef } from 'react';

export interface Shortcut {
  /** The key as KeyboardEvent.key reports it: 'j', 'Enter', '?'. */
  key: string;
  /** Shown in the help overlay. */
  description: string;
  run: (event: KeyboardEvent) => void;
  /** Off for now (no case to open, an action not allowed): neither run nor listed. */
  disabled?: boolean;
}

/** Typing a rationale must never fire an action: keys in a form control are the control's. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

function isControl(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('a, button, summary, [role="button"]') !== null;
}

/**
 * Single-key shortcuts for the page (no modifier keys, so Ctrl+C and the browser's own keys stay
 * untouched). The handlers are read from a ref, so callers can pass fresh closures every render.
 */
export function useKeyboardShortcuts(shortcuts: Shortcut[]): void {
  const current = useRef(shortcuts);
  current.current = shortcuts;
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target)) return;
      // Enter on a link or a button is that control's own click, never a page shortcut.
      if (event.key === 'Enter' && isControl(event.target)) return;
      const shortcut = current.current.find((s) => s.key === event.key && !s.disabled);
      if (!shortcut) return;
      event.preventDefault();
      shortcut.run(event);
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

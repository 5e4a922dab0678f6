import { useEffect, useId, useRef } from 'react';
import { Button } from './Button';
import type { Shortcut } from './useKeyboardShortcuts';

const KEY_NAME: Record<string, string> = { Enter: 'Enter', Escape: 'Esc', '?': '?' };

/**
 * The list of a page's keyboard shortcuts, opened with `?`. A modal dialog: focus moves into it,
 * Escape or the button closes it, and focus returns to where it was.
 */
export function ShortcutHelp({ shortcuts, onClose }: { shortcuts: Shortcut[]; onClose: () => void }) {
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === 'Escape' || event.key === '?') {
        event.preventDefault();
        event.stopPropagation();
        onClose();
      }
    }
    document.addEventListener('keydown', onKeyDown, true);
    return () => {
      document.removeEventListener('keydown', onKeyDown, true);
      before?.focus?.();
    };
  }, [onClose]);
  return (
    <div className="overlay">
      <div className="dialog card" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <h2 id={titleId}>Keyboard shortcuts</h2>
        <table className="shortcuts">
          <caption className="sr-only">Keys and what they do</caption>
          <tbody>
            {shortcuts
              .filter((s) => !s.disabled)
              .map((s) => (
                <tr key={s.key}>
                  <th scope="row">
                    <kbd>{KEY_NAME[s.key] ?? s.key}</kbd>
                  </th>
                  <td>{s.description}</td>
                </tr>
              ))}
          </tbody>
        </table>
        <p className="muted">Shortcuts are off while you type in a field.</p>
        <Button ref={closeRef} variant="secondary" onClick={onClose}>
          Close
        </Button>
      </div>
    </div>
  );
}

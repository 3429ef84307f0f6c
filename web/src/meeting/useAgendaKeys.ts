import { useEffect, useRef } from 'react';

export interface AgendaKeyActions {
  next: () => void;
  previous: () => void;
  first: () => void;
  last: () => void;
  leave: () => void;
  toggleFullscreen: () => void;
}

/** Keys a presenter's clicker or keyboard sends, mapped to agenda steps. */
function actionFor(event: KeyboardEvent): keyof AgendaKeyActions | undefined {
  switch (event.key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
      return 'next';
    case ' ':
    case 'Spacebar':
      // Shift+Space steps back, as in slide software.
      return event.shiftKey ? 'previous' : 'next';
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
      return 'previous';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'Escape':
      return 'leave';
    case 'f':
    case 'F':
    case 'а': // the F key on a Russian or Kazakh layout
    case 'А':
      return 'toggleFullscreen';
    default:
      return undefined;
  }
}

/** Typing into a field (a search box, a select) must never step the agenda. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null;
}

/**
 * Listens on the window in the capture phase, so the keys step the agenda even when the map has the
 * focus (Leaflet would otherwise take the arrows to pan and stop them there).
 */
export function useAgendaKeys(actions: AgendaKeyActions): void {
  // The latest actions, read when a key arrives, so the listener is added once and never goes stale.
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      // Alt+Left is the browser's Back, Ctrl+F its find, and so on: leave them to the browser.
      if (event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
      if (isTyping(event.target)) return;
      const action = actionFor(event);
      if (!action) return;
      event.preventDefault();
      event.stopPropagation();
      latest.current[action]();
    }
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}

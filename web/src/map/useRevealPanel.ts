import { useEffect, useRef, type RefObject } from 'react';

/**
 * When a hotspot is selected (from the list, a marker, or after saving) and its panel has drawn,
 * the panel is brought into view at its top and the focus moves to its heading, once per selection:
 * keyboard and screen-reader users land on what they opened, and nobody has to look for it. (The
 * list once scrolled its row into view after selecting, which pushed the panel above the visible
 * area.) A panel shown again after the form closes counts as a new selection.
 */
export function useRevealPanel(
  side: RefObject<HTMLElement | null>,
  shownId: string | undefined,
  formOpen: boolean,
): void {
  const revealed = useRef<string>(undefined);
  useEffect(() => {
    if (formOpen || !shownId) {
      revealed.current = undefined;
      return;
    }
    if (revealed.current === shownId) return;
    const panel = side.current?.querySelector<HTMLElement>('[data-testid=hotspot-panel]');
    const heading = panel?.querySelector<HTMLElement>('h2');
    if (!panel || !heading) return;
    revealed.current = shownId;
    panel.scrollTop = 0;
    // Focusable by script only: a heading is not a stop of the Tab order.
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
    // A block body: newer browsers return a promise from scrollIntoView, and an effect may return only a clean-up.
    panel.scrollIntoView?.({ block: 'start' });
    // Beside the map the list below scrolls on its own: its marked row is brought into it too (by
    // the list's own scroll only, so nothing else moves).
    const list = side.current?.querySelector<HTMLElement>('.hotspot-list');
    const row = list?.querySelector<HTMLElement>('li.selected');
    if (list && row && getComputedStyle(list).overflowY !== 'visible') {
      const offset = row.getBoundingClientRect().top - list.getBoundingClientRect().top;
      if (offset < 0 || offset + row.offsetHeight > list.clientHeight) list.scrollTop += offset - list.clientHeight / 3;
    }
  });
}

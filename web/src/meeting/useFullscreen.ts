import { useCallback, useEffect, useState } from 'react';

function supported(): boolean {
  return typeof document !== 'undefined' && document.fullscreenEnabled === true;
}

/**
 * Browser full screen for the projector. Guarded because it is missing in some embedded browsers and
 * refused outside a user gesture or inside a frame; a refusal is harmless, the page is already full-window.
 */
export function useFullscreen() {
  const [active, setActive] = useState(() => typeof document !== 'undefined' && Boolean(document.fullscreenElement));

  useEffect(() => {
    // The browser's own Escape also leaves full screen: follow the document, not our own calls.
    const follow = () => setActive(Boolean(document.fullscreenElement));
    document.addEventListener('fullscreenchange', follow);
    return () => {
      document.removeEventListener('fullscreenchange', follow);
      // Leaving meeting mode should not leave the ordinary pages stuck in full screen.
      if (document.fullscreenElement && typeof document.exitFullscreen === 'function')
        document.exitFullscreen().catch(() => undefined);
    };
  }, []);

  const toggle = useCallback(() => {
    if (!supported()) return;
    const root = document.documentElement;
    if (document.fullscreenElement) document.exitFullscreen?.().catch(() => undefined);
    else if (typeof root.requestFullscreen === 'function') root.requestFullscreen().catch(() => undefined);
  }, []);

  return { active, toggle, available: supported() };
}

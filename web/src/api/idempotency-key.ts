import { useRef } from 'react';
import { newIdempotencyKey } from './hooks';

/**
 * One Idempotency-Key per form: the same on every Save of it until one succeeds, so a Save pressed
 * again after a lost answer (a timeout, a 503, a dropped office network) gets what the first made
 * and never a duplicate; after a success the form is a new one and gets a new key. A form that
 * sends to a chosen target (a meeting, a hotspot from a search) asks with that target as `scope`:
 * choosing another one is another request, with its own key, not a reused key the API refuses.
 */
export function useIdempotencyKey(): { keyFor: (scope?: string) => string; renew: () => void } {
  const keys = useRef(new Map<string, string>());
  return {
    keyFor(scope = '') {
      let key = keys.current.get(scope);
      if (!key) {
        key = newIdempotencyKey();
        keys.current.set(scope, key);
      }
      return key;
    },
    renew() {
      keys.current.clear();
    },
  };
}

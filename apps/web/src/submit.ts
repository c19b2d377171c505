import { useCallback, useRef, useState } from 'react';
import { newKey } from './api';

/**
 * One booking form's submissions: one Idempotency-Key per submission (a retry after a failure
 * resends the same key, so the server answers it once), and no second send while one is in
 * flight. The guard is a ref, not state: two taps in the same frame both see it.
 */
export function useSubmission(): {
  busy: boolean;
  /** Sends with the submission's key; undefined when a send was already in flight or it failed (onError got it). */
  send: <T>(request: (idempotencyKey: string) => Promise<T>, onError: (e: unknown) => void) => Promise<T | undefined>;
  /** A new intent (a new quote, a changed form): the next send gets a new key. */
  renew: () => void;
} {
  const key = useRef(newKey());
  const inFlight = useRef(false);
  const [busy, setBusy] = useState(false);
  const renew = useCallback(() => {
    key.current = newKey();
  }, []);
  const send = useCallback(
    async <T>(
      request: (idempotencyKey: string) => Promise<T>,
      onError: (e: unknown) => void,
    ): Promise<T | undefined> => {
      if (inFlight.current) return undefined;
      inFlight.current = true;
      setBusy(true);
      try {
        const answer = await request(key.current);
        // Answered: the next submission is a new booking.
        key.current = newKey();
        return answer;
      } catch (e) {
        onError(e);
        return undefined;
      } finally {
        inFlight.current = false;
        setBusy(false);
      }
    },
    [],
  );
  return { busy, send, renew };
}

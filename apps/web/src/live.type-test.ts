/**
 * Compile-time tests of the live handlers' types (`npm run check` type-checks this file; nothing
 * runs it). Each `@ts-expect-error` must meet an error: were the handlers typed loosely again
 * (`Record<string, …>`), the directive would be unused and the check would fail.
 */
import { useLive, type LiveHandlers } from './live';

export const typedByEvent: LiveHandlers = {
  'ride.status': (e) => void e.status,
  'luggage.status': (e) => void e.reference,
  // @ts-expect-error: no such event (the gateway sends `ride.status`).
  'ride.statuses': () => undefined,
};

// @ts-expect-error: a luggage.status payload has no rideId.
export const wrongField: LiveHandlers = { 'luggage.status': (e) => void e.rideId };

/** Where the pages write their handlers: useLive's own argument, whatever the handler's parameter says. */
export function misspeltInUseLive(): void {
  // @ts-expect-error: no such event.
  useLive(() => null, { 'ride.statuses': (_e: unknown) => undefined }, []);
}

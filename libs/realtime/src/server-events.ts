/**
 * Typed server → client events. Every payload carries a `version` so a client can drop a
 * stale or repeated event after a reconnect (it has already applied that version).
 */
export interface VersionedEvent {
  version: number;
}

export interface ServerEvents {
  'pipeline.checked': VersionedEvent & { checkId: string; requestedAt: string; processedAt: string; processedBy: string };
  /** Sent once per connection so a client knows which rooms it was given. */
  'session.ready': { userId: string; role: string; rooms: string[] };
}

export type ServerEventName = keyof ServerEvents;

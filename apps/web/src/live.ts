import { DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import { io, Socket } from 'socket.io-client';
import type { ServerEvents } from '@app/contract';
import { session } from './api';
import { webConfig } from './config';

export type LiveState = 'connecting' | 'live' | 'offline';

/**
 * Keeps the newest version seen per entity. After a reconnect the page fetches a snapshot
 * (which records the versions it contains) and then applies only events newer than those:
 * an event replayed or delivered late is dropped, so nothing is applied twice.
 */
export class VersionBook {
  private readonly seen = new Map<string, number>();

  /** True when this version is newer than what we hold (and records it). */
  accept(key: string, version: number): boolean {
    const current = this.seen.get(key);
    if (current !== undefined && version <= current) return false;
    this.seen.set(key, version);
    return true;
  }

  /** A snapshot row replaces what we hold unless an event newer than it already arrived. */
  acceptSnapshot(key: string, version: number): boolean {
    const current = this.seen.get(key);
    if (current !== undefined && version < current) return false;
    this.seen.set(key, version);
    return true;
  }

  get(key: string): number | undefined {
    return this.seen.get(key);
  }
}

/**
 * Records kept by id at the newest version seen. A page reads them from three racing sources
 * (its snapshot read, the answer to its own request, live events); whichever is newest wins,
 * so a late answer never puts back an older state over a newer event.
 */
export function useLiveRecords<T extends { id: string; version: number }>() {
  const book = useRef(new VersionBook());
  const held = useRef(new Map<string, T>());
  const [records, setRecords] = useState<ReadonlyMap<string, T>>(held.current);
  const show = useCallback(() => setRecords(new Map(held.current)), []);

  /** Whole records read from the API (a snapshot, or the answer to our own request). */
  const upsert = useCallback(
    (...rows: T[]) => {
      let changed = false;
      for (const row of rows) {
        if (!book.current.acceptSnapshot(row.id, row.version)) continue;
        held.current.set(row.id, row);
        changed = true;
      }
      if (changed) show();
    },
    [show],
  );

  /**
   * A live event about one record: applied when newer than what we hold. For a record we do
   * not hold yet, `unknown` reads it whole (the event lacks fields); its version is not
   * recorded, so that read is accepted even when it carries this same version.
   */
  const applyEvent = useCallback(
    (id: string, version: number, patch: (current: T) => T, unknown: () => void) => {
      const seen = book.current.get(id);
      if (seen !== undefined && version <= seen) return;
      const current = held.current.get(id);
      if (!current) {
        unknown();
        return;
      }
      book.current.accept(id, version);
      held.current.set(id, patch(current));
      show();
    },
    [show],
  );

  return { records, upsert, applyEvent };
}

export interface LiveOptions {
  /** A signed-in user's access token, or a traveller's tracking token. */
  token?: string;
  trackingToken?: string;
  /** Called after every (re)connection, once the gateway has put the socket in its rooms: fetch the snapshot here. */
  onReady: () => void | Promise<void>;
  onState: (state: LiveState) => void;
  /** By event name: a misspelt name or a payload field the event lacks fails to compile. */
  handlers: LiveHandlers;
}

/** What a page does on each server event it listens to (the payloads are the contract's). */
export type LiveHandlers = { [E in keyof ServerEvents]?: (payload: ServerEvents[E]) => void };

/** The connection's part of the options; useLive takes the handlers as an argument of their own. */
export type LiveConnection = Omit<LiveOptions, 'handlers'>;

/** A connection with the signed-in account's token; none when signed out. */
export function signedIn(connection: Omit<LiveConnection, 'token' | 'trackingToken'>): LiveConnection | null {
  const token = session()?.accessToken;
  return token ? { ...connection, token } : null;
}

/** One Socket.IO connection to the gateway; reconnects by itself. */
export async function connectLive(options: LiveOptions): Promise<Socket> {
  const { gatewayUrl } = await webConfig();
  const socket = io(gatewayUrl, {
    transports: ['websocket'],
    auth: options.trackingToken ? { trackingToken: options.trackingToken } : { token: options.token },
    reconnectionDelay: 500,
    reconnectionDelayMax: 3000,
  });
  options.onState('connecting');
  socket.on('session.ready', () => {
    options.onState('live');
    void Promise.resolve(options.onReady()).catch(() => undefined);
  });
  socket.on('disconnect', () => options.onState('offline'));
  socket.on('connect_error', () => options.onState('offline'));
  // The map's type ties each handler to its event's payload; socket.io itself is untyped here.
  for (const [event, handler] of Object.entries(options.handlers) as Array<
    [string, ((payload: never) => void) | undefined]
  >)
    if (handler) socket.on(event, handler as (payload: unknown) => void);
  return socket;
}

/**
 * One live connection while the component shows: `connect` gives its options (null: none, e.g.
 * signed out); it reconnects when `deps` change and closes on unmount, even if that comes
 * before the connection is made. The handlers are an argument of their own, written in place:
 * an object literal argument is checked for extra keys, so a misspelt event name fails to
 * compile (inside a callback's returned object it would pass unnoticed).
 */
export function useLive(connect: () => LiveConnection | null, handlers: LiveHandlers, deps: DependencyList): void {
  useEffect(() => {
    const connection = connect();
    if (!connection) return;
    const options: LiveOptions = { ...connection, handlers };
    let socket: Socket | null = null;
    let closed = false;
    void connectLive(options).then((s) => {
      socket = s;
      if (closed) s.close();
    });
    return () => {
      closed = true;
      socket?.close();
    };
    // The caller names what the connection depends on, as with useEffect.
  }, deps);
}

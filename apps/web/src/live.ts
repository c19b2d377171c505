import { io, Socket } from 'socket.io-client';
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

export interface LiveOptions {
  /** A signed-in user's access token, or a traveller's tracking token. */
  token?: string;
  trackingToken?: string;
  /** Called after every (re)connection, once the gateway has put the socket in its rooms: fetch the snapshot here. */
  onReady: () => void | Promise<void>;
  onState: (state: LiveState) => void;
  handlers: Record<string, (payload: never) => void>;
}

/** One Socket.IO connection to the gateway; reconnects by itself. */
export async function connectLive(options: LiveOptions): Promise<Socket> {
  const { gatewayUrl } = await webConfig();
  const socket = io(gatewayUrl, { transports: ['websocket'], auth: options.trackingToken ? { trackingToken: options.trackingToken } : { token: options.token }, reconnectionDelay: 500, reconnectionDelayMax: 3000 });
  options.onState('connecting');
  socket.on('session.ready', () => {
    options.onState('live');
    void Promise.resolve(options.onReady()).catch(() => undefined);
  });
  socket.on('disconnect', () => options.onState('offline'));
  socket.on('connect_error', () => options.onState('offline'));
  for (const [event, handler] of Object.entries(options.handlers)) socket.on(event, handler as (p: unknown) => void);
  return socket;
}

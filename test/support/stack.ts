import { INestApplication } from '@nestjs/common';
import { io, Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { createApiApp } from '../../apps/api/src/api.app';
import { createDispatcherApp } from '../../apps/dispatcher/src/dispatcher.app';
import { createGatewayApp } from '../../apps/gateway/src/gateway.app';
import { TestContext } from './test-context';

export interface RunningStack {
  apiUrl: string;
  gatewayUrl: string;
  dispatcherUrl: string;
  apps: { api: INestApplication; dispatcher: INestApplication; gateway: INestApplication };
  close(): Promise<void>;
}

const urlOf = async (app: INestApplication) => {
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return `http://127.0.0.1:${port}`;
};

/** The three apps, in this process, on the test context's database and Redis prefix. */
export async function startStack(ctx: TestContext): Promise<RunningStack> {
  const api = await createApiApp(ctx.config);
  const dispatcher = await createDispatcherApp(ctx.config);
  const gateway = await createGatewayApp(ctx.config);
  const [apiUrl, dispatcherUrl, gatewayUrl] = [await urlOf(api), await urlOf(dispatcher), await urlOf(gateway)];
  return {
    apiUrl,
    gatewayUrl,
    dispatcherUrl,
    apps: { api, dispatcher, gateway },
    close: async () => {
      await gateway.close();
      await dispatcher.close();
      await api.close();
    },
  };
}

export async function signIn(
  apiUrl: string,
  email: string,
  password: string,
): Promise<{ accessToken: string; refreshToken: string; user: { id: string; areaIds: string[] } }> {
  const response = await fetch(`${apiUrl}/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as never;
}

/**
 * Resolves once the gateway has put the socket in its rooms (its `session.ready`), or rejects
 * with the server's connect_error.
 */
export function connectSocket(gatewayUrl: string, token?: string): Promise<Socket & { rooms?: string[] }> {
  return new Promise((resolve, reject) => {
    const socket = io(gatewayUrl, {
      transports: ['websocket'],
      auth: token ? { token } : {},
      reconnection: false,
      forceNew: true,
    });
    socket.once('session.ready', (ready: { rooms: string[] }) =>
      resolve(Object.assign(socket, { rooms: ready.rooms })),
    );
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** How the gateway answers a handshake with this auth (and query): 'connected', or the refusal's code (or message). */
export function handshakeOutcome(gatewayUrl: string, auth: unknown, query?: Record<string, string>): Promise<string> {
  return new Promise<string>((resolve) => {
    const socket = io(gatewayUrl, {
      transports: ['websocket'],
      auth: auth as Record<string, unknown>,
      query,
      reconnection: false,
      forceNew: true,
    });
    // The first answer counts: closing the socket afterwards also closes its transport.
    const settle = (outcome: string) => {
      resolve(outcome);
      socket.close();
    };
    socket.once('connect', () => settle('connected'));
    socket.once('connect_error', (error: Error & { data?: { code?: string }; description?: { message?: string } }) =>
      // A transport refusal says why in its description (e.g. "Unexpected server response: 400").
      settle(
        error.data?.code ??
          (error.description?.message ? `${error.message} (${error.description.message})` : error.message),
      ),
    );
    // A server that drops the transport before its CONNECT answer (e.g. a packet past
    // maxHttpBufferSize) gets no connect_error from the client: the manager's close tells it.
    // A refusal also closes the manager, just before connect_error: that one is answered first.
    socket.io.once('close', (reason: string) => setImmediate(() => settle(`transport closed (${reason})`)));
  });
}

/**
 * How the gateway answers one raw Socket.IO packet sent right after the engine.io handshake (no
 * client library in between, so the packet may be anything): 'connected', the refusal's code,
 * `transport closed (code)`, `websocket error (...)`, or `no answer within N ms`.
 */
export function rawHandshakeOutcome(
  gatewayUrl: string,
  packet: string,
  query: Record<string, string> = {},
  timeoutMs = 10_000,
): Promise<string> {
  return new Promise((resolve) => {
    const search = new URLSearchParams({ ...query, EIO: query.EIO ?? '4', transport: query.transport ?? 'websocket' });
    const ws = new WebSocket(`${gatewayUrl.replace(/^http/, 'ws')}/socket.io/?${search.toString()}`);
    let settled = false;
    const settle = (outcome: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
      ws.terminate();
    };
    const timer = setTimeout(() => settle(`no answer within ${timeoutMs} ms`), timeoutMs);
    ws.on('message', (data: Buffer) => {
      const text = data.toString();
      if (text.startsWith('0')) return ws.send(packet); // engine.io open: now the Socket.IO packet
      if (text === '2') return ws.send('3'); // engine.io ping
      if (/^40/.test(text)) return settle('connected');
      const refusal = /^44(?:[^,{]*,)?(\{.*)$/s.exec(text);
      if (refusal) {
        const body = JSON.parse(refusal[1]) as { message?: string; data?: { code?: string } };
        return settle(body.data?.code ?? body.message ?? text.slice(0, 80));
      }
      settle(`unexpected packet ${text.slice(0, 80)}`);
    });
    ws.on('close', (code: number) => settle(`transport closed (${code})`));
    ws.on('error', (error: Error) => settle(`websocket error (${error.message})`));
  });
}

/** Waits for one event (or fails after timeoutMs so a missing event is a clear failure). */
export function nextEvent<T>(socket: Socket, event: string, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${event}" within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

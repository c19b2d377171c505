import { INestApplication } from '@nestjs/common';
import { io, Socket } from 'socket.io-client';
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

export async function signIn(apiUrl: string, email: string, password: string): Promise<{ accessToken: string; refreshToken: string; user: { id: string; areaIds: string[] } }> {
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
    const socket = io(gatewayUrl, { transports: ['websocket'], auth: token ? { token } : {}, reconnection: false, forceNew: true });
    socket.once('session.ready', (ready: { rooms: string[] }) => resolve(Object.assign(socket, { rooms: ready.rooms })));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** How the gateway answers a handshake with this auth (and query): 'connected', or the refusal's code (or message). */
export function handshakeOutcome(gatewayUrl: string, auth: unknown, query?: Record<string, string>): Promise<string> {
  return new Promise<string>((resolve) => {
    const socket = io(gatewayUrl, { transports: ['websocket'], auth: auth as Record<string, unknown>, query, reconnection: false, forceNew: true });
    // The first answer counts: closing the socket afterwards also closes its transport.
    const settle = (outcome: string) => {
      resolve(outcome);
      socket.close();
    };
    socket.once('connect', () => settle('connected'));
    socket.once('connect_error', (error: Error & { data?: { code?: string } }) => settle(error.data?.code ?? error.message));
    // A server that drops the transport before its CONNECT answer (e.g. a packet past
    // maxHttpBufferSize) gets no connect_error from the client: the manager's close tells it.
    // A refusal also closes the manager, just before connect_error: that one is answered first.
    socket.io.once('close', (reason: string) => setImmediate(() => settle(`transport closed (${reason})`)));
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

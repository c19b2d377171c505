import { io, Socket } from 'socket.io-client';

/**
 * A socket is ready once the gateway has put it in its rooms (`session.ready`); it fails on the
 * server's connect_error or after timeoutMs. No reconnection: a dropped socket is a miss.
 */
export function connectReady(gatewayUrl: string, token: string, timeoutMs = 20_000): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(gatewayUrl, {
      transports: ['websocket'],
      auth: { token },
      reconnection: false,
      forceNew: true,
      timeout: timeoutMs,
    });
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`socket not ready within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('session.ready', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('connect_error', (error: Error) => {
      clearTimeout(timer);
      socket.close();
      reject(error);
    });
  });
}

/** Connects `count` sockets, `parallel` handshakes in flight; failures are counted, not thrown. */
export async function connectMany(
  gatewayUrl: string,
  tokenFor: (k: number) => string,
  count: number,
  parallel = 100,
): Promise<{ sockets: Socket[]; failures: number; firstError: string | null; seconds: number }> {
  const started = Date.now();
  const sockets: Socket[] = [];
  let failures = 0;
  let firstError: string | null = null;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, count) }, async () => {
      while (next < count) {
        const k = next++;
        try {
          sockets.push(await connectReady(gatewayUrl, tokenFor(k)));
        } catch (error) {
          failures += 1;
          firstError ??= (error as Error).message;
        }
      }
    }),
  );
  return { sockets, failures, firstError, seconds: (Date.now() - started) / 1000 };
}

export function closeAll(sockets: Socket[]): void {
  for (const s of sockets) s.close();
}

import { createServer } from 'node:net';

/** Resolves true when nothing listens on host:port. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.once('listening', () => server.close(() => resolve(true)));
    server.listen(port, host);
  });
}

export class PortTakenError extends Error {
  constructor(
    readonly port: number,
    readonly what: string,
    hint: string,
  ) {
    super(`Port ${port} is already taken, so ${what} cannot start there. ${hint}`);
  }
}

export async function requireFreePort(port: number, what: string, hint: string): Promise<void> {
  if (!(await isPortFree(port))) throw new PortTakenError(port, what, hint);
}

/** A port nothing listens on right now (the OS picks it), for servers started on the fly. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

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
  constructor(readonly port: number, readonly what: string, hint: string) {
    super(`Port ${port} is already taken, so ${what} cannot start there. ${hint}`);
  }
}

export async function requireFreePort(port: number, what: string, hint: string): Promise<void> {
  if (!(await isPortFree(port))) throw new PortTakenError(port, what, hint);
}

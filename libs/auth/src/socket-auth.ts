import { Principal } from '@app/domain';
import { TokenService } from './token.service';

interface HandshakeLike {
  handshake: { auth?: Record<string, unknown>; headers: Record<string, string | string[] | undefined> };
  data: { principal?: Principal };
}

/**
 * Socket.IO middleware: a socket without a valid token is refused at connect, with the same
 * verifier the HTTP guard uses. The error's `data.code` mirrors the HTTP error codes.
 */
export function socketAuthMiddleware(tokens: TokenService) {
  return (socket: HandshakeLike, next: (error?: Error) => void): void => {
    const token = TokenService.extract(socket.handshake.auth?.token) ?? TokenService.extract(socket.handshake.headers.authorization);
    if (!token) return next(Object.assign(new Error('unauthorized'), { data: { code: 'AUTH_REQUIRED' } }));
    try {
      socket.data.principal = tokens.verifyAccess(token);
      next();
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'AUTH_TOKEN_INVALID';
      next(Object.assign(new Error('unauthorized'), { data: { code } }));
    }
  };
}

import { ErrorCode, ErrorCodes, Principal } from '@app/domain';
import { TokenService } from './token.service';

/** An anonymous traveller's access to one luggage booking, granted by its tracking token. */
export interface TrackingGrant {
  bookingId: string;
}

/** Looks a tracking token up (by its hash); null when no booking has it. */
export type TrackingTokenResolver = (token: string) => Promise<TrackingGrant | null>;

interface HandshakeLike {
  handshake: { auth?: Record<string, unknown>; headers: Record<string, string | string[] | undefined> };
  data: { principal?: Principal; tracking?: TrackingGrant };
}

const refuse = (code: ErrorCode) => Object.assign(new Error('unauthorized'), { data: { code } });

/**
 * Socket.IO middleware: a socket without a valid token is refused at connect, with the same
 * verifier the HTTP guard uses. The error's `data.code` mirrors the HTTP error codes.
 */
export function socketAuthMiddleware(
  tokens: TokenService,
  resolveTracking?: TrackingTokenResolver,
  isCurrent?: (principal: Principal) => Promise<boolean>,
) {
  return (socket: HandshakeLike, next: (error?: Error) => void): void => {
    const token =
      TokenService.extract(socket.handshake.auth?.token) ??
      TokenService.extract(socket.handshake.headers.authorization);
    const trackingToken = socket.handshake.auth?.trackingToken;
    // Second credential: a tracking token alone (no JWT) grants that one booking's room, nothing else.
    if (!token && trackingToken !== undefined && resolveTracking) {
      if (typeof trackingToken !== 'string') return next(refuse(ErrorCodes.TRACKING_TOKEN_INVALID));
      resolveTracking(trackingToken).then(
        (grant) => {
          if (!grant) return next(refuse(ErrorCodes.TRACKING_TOKEN_INVALID));
          socket.data.tracking = grant;
          next();
        },
        () => next(refuse(ErrorCodes.TRACKING_UNAVAILABLE)),
      );
      return;
    }
    if (!token) return next(refuse(ErrorCodes.AUTH_REQUIRED));
    try {
      const principal = tokens.verifyAccess(token);
      if (!isCurrent) {
        socket.data.principal = principal;
        return next();
      }
      // The account must still be active, with the role and areas the token claims.
      isCurrent(principal).then(
        (current) => {
          if (!current) return next(refuse(ErrorCodes.AUTH_TOKEN_REVOKED));
          socket.data.principal = principal;
          next();
        },
        () => next(refuse(ErrorCodes.AUTH_UNAVAILABLE)),
      );
    } catch (error) {
      const code = (error as { code?: string }).code ?? ErrorCodes.AUTH_TOKEN_INVALID;
      next(Object.assign(new Error('unauthorized'), { data: { code } }));
    }
  };
}

import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ALL_ROLES, ErrorCodes, Principal, Role, unauthenticated } from '@app/domain';

interface AccessClaims {
  sub: string;
  role: Role;
  aid: string[];
  typ: 'access';
  /** Set by the signer. */
  iat?: number;
}

/** Signs and verifies access tokens; the one verifier both the api and the gateway use. */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get accessTtlS(): number {
    return this.config.auth.accessTtlS;
  }

  signAccess(principal: Principal): string {
    // Only the claims: a principal read from an older token must not pass its iat on.
    const claims: AccessClaims = { sub: principal.userId, role: principal.role, aid: principal.areaIds, typ: 'access' };
    return this.jwt.sign(claims, { expiresIn: this.config.auth.accessTtlS, algorithm: 'HS256' });
  }

  /** Throws DomainError AUTH_TOKEN_INVALID / AUTH_TOKEN_EXPIRED; never returns a partial principal. */
  verifyAccess(token: string): Principal {
    let claims: AccessClaims;
    try {
      claims = this.jwt.verify<AccessClaims>(token, { algorithms: ['HS256'] });
    } catch (error) {
      if ((error as Error).name === 'TokenExpiredError')
        throw unauthenticated(ErrorCodes.AUTH_TOKEN_EXPIRED, 'The access token has expired; refresh it.');
      throw unauthenticated(ErrorCodes.AUTH_TOKEN_INVALID, 'The access token is not valid.');
    }
    if (
      claims.typ !== 'access' ||
      typeof claims.sub !== 'string' ||
      !ALL_ROLES.includes(claims.role) ||
      !Array.isArray(claims.aid)
    ) {
      throw unauthenticated(ErrorCodes.AUTH_TOKEN_INVALID, 'The access token is not valid.');
    }
    return {
      userId: claims.sub,
      role: claims.role,
      areaIds: claims.aid,
      ...(typeof claims.iat === 'number' ? { issuedAtS: claims.iat } : {}),
    };
  }

  /** Accepts "Bearer x" or a bare token (socket.io handshakes send the bare token). */
  static extract(header: unknown): string | null {
    if (typeof header !== 'string' || header.length === 0) return null;
    const match = /^Bearer\s+(.+)$/i.exec(header);
    return (match ? match[1] : header).trim() || null;
  }
}

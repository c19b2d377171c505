import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCodes, forbidden, Role, unauthenticated } from '@app/domain';
import { AuthenticatedRequest, IS_PUBLIC, ROLES } from './decorators';
import { AccountCheck } from './account-check';
import { TokenService } from './token.service';

/**
 * Global HTTP guard: every endpoint needs a valid access token unless marked @Public(),
 * and the principal's role must be one of @Roles() when present.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly accounts: AccountCheck,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
    const token = TokenService.extract(request.headers.authorization);
    if (isPublic) {
      // A public endpoint still learns who calls it when a valid token is sent.
      if (token) {
        try {
          const principal = this.tokens.verifyAccess(token);
          request.principal = (await this.accounts.isCurrent(principal)) ? principal : undefined;
        } catch {
          request.principal = undefined;
        }
      }
      return true;
    }
    if (!token)
      throw unauthenticated(ErrorCodes.AUTH_REQUIRED, 'Sign in first: send "Authorization: Bearer <access token>".');
    const principal = this.tokens.verifyAccess(token);
    // The signature says who the token was issued to; the account says whether that still holds.
    await this.accounts.assertCurrent(principal);
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(request.principal.role)) {
      throw forbidden(ErrorCodes.AUTH_ROLE_FORBIDDEN, `This action needs one of the roles: ${roles.join(', ')}.`);
    }
    return true;
  }
}

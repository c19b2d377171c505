import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Principal, Role } from '@app/domain';

export const IS_PUBLIC = 'auth:isPublic';
export const ROLES = 'auth:roles';

/** Opens an endpoint to anonymous callers (health, sign-in, traveller quotes). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts an endpoint to these roles. Admin is not implied: list it when it applies. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export interface AuthenticatedRequest {
  principal?: Principal;
  headers: Record<string, string | string[] | undefined>;
}

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  return request.principal!;
});

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { decoyHash, hashPassword, TokenService, verifyPassword } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/config';
import { RefreshTokenEntity, UserAreaEntity, UserEntity } from '@app/database';
import { ErrorCodes, notFound, Principal, unauthenticated } from '@app/domain';
import { MeDto, TokenPairDto } from './dto/sign-in.dto';
import { SignInLimiter } from './sign-in-limiter';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(UserAreaEntity) private readonly userAreas: Repository<UserAreaEntity>,
    private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly limiter: SignInLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `address`: the caller's; failures count per account and per address (SignInLimiter). */
  async signIn(email: string, password: string, address: string): Promise<TokenPairDto> {
    await this.limiter.assertAllowed(email, address);
    const user = await this.users.findOneBy({ email: email.toLowerCase() });
    const check = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
    if (!user || !check.ok || !user.passwordHash || user.deactivatedAt) {
      await this.limiter.recordFailure(email, address);
      throw unauthenticated(ErrorCodes.AUTH_INVALID_CREDENTIALS, 'The email or password is wrong.');
    }
    // An older kind of hash is replaced now that the password is at hand (only if unchanged meanwhile).
    if (check.outdated)
      await this.users.update(
        { id: user.id, passwordHash: user.passwordHash },
        { passwordHash: await hashPassword(password) },
      );
    return this.issue(user);
  }

  /**
   * Rotates: the presented refresh token is revoked and a new one of the same family issued,
   * atomically. A token presented again after its rotation was copied: the whole family (every
   * token since that sign-in) is revoked, so neither the thief nor the owner can go on with it.
   */
  async refresh(refreshToken: string): Promise<TokenPairDto> {
    const outcome = await this.dataSource.transaction(async (em) => {
      const tokens = em.getRepository(RefreshTokenEntity);
      const row = await tokens.findOne({
        where: { tokenHash: sha256(refreshToken) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row || row.expiresAt.getTime() < Date.now()) return { ok: false as const };
      if (row.revokedAt) {
        await tokens.update({ familyId: row.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
        return { ok: false as const };
      }
      await tokens.update(row.id, { revokedAt: new Date() });
      return { ok: true as const, userId: row.userId, familyId: row.familyId };
    });
    // Thrown after the commit: the family's revocation must stay even though the caller is refused.
    if (!outcome.ok)
      throw unauthenticated(ErrorCodes.AUTH_REFRESH_INVALID, 'The refresh token is invalid or expired; sign in again.');
    const user = await this.users.findOneBy({ id: outcome.userId });
    if (!user || user.deactivatedAt)
      throw unauthenticated(ErrorCodes.AUTH_REFRESH_INVALID, 'The account is no longer active.');
    return this.issue(user, outcome.familyId);
  }

  async me(principal: Principal): Promise<MeDto> {
    const user = await this.users.findOneBy({ id: principal.userId });
    if (!user) throw notFound(ErrorCodes.USER_NOT_FOUND, 'The account no longer exists.');
    return this.toMe(user, principal.areaIds);
  }

  async principalOf(user: UserEntity): Promise<Principal> {
    const areas = await this.userAreas.findBy({ userId: user.id });
    return { userId: user.id, role: user.role, areaIds: areas.map((a) => a.areaId).sort() };
  }

  /** Tokens for an account whose identity was just established (sign-in, sign-up, refresh: `familyId` of the rotated token). */
  async issue(user: UserEntity, familyId?: string): Promise<TokenPairDto> {
    const principal = await this.principalOf(user);
    const refreshToken = randomBytes(32).toString('base64url');
    // A sign-in starts a family named after its first token.
    const id = randomUUID();
    await this.dataSource.getRepository(RefreshTokenEntity).insert({
      id,
      familyId: familyId ?? id,
      userId: user.id,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(Date.now() + this.config.auth.refreshTtlS * 1000),
    });
    return {
      accessToken: this.tokens.signAccess(principal),
      refreshToken,
      expiresIn: this.tokens.accessTtlS,
      user: this.toMe(user, principal.areaIds),
    };
  }

  private toMe(user: UserEntity, areaIds: string[]): MeDto {
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      locale: user.locale,
      areaIds,
    };
  }
}

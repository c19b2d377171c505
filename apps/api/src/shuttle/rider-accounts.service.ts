import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { hashPassword } from '@app/auth';
import { CompanyEntity, UserAreaEntity, UserEntity } from '@app/database';
import { conflict, invalid, Role, ShuttleErrorCode } from '@app/domain';
import { AuthService } from '../auth/auth.service';
import { TokenPairDto } from '../auth/dto/sign-in.dto';
import { RiderSignUpDto } from './dto/sign-up.dto';

/** Eligibility is the employer code of a registered, not suspended, park company. */
@Injectable()
export class RiderAccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auth: AuthService,
  ) {}

  async signUp(dto: RiderSignUpDto): Promise<TokenPairDto> {
    const email = dto.email.toLowerCase();
    const passwordHash = await hashPassword(dto.password);
    const user = await this.dataSource.transaction(async (em) => {
      const company = await em
        .getRepository(CompanyEntity)
        .findOneBy({ employerCode: dto.employerCode.toUpperCase(), suspendedAt: IsNull() });
      if (!company)
        throw invalid(ShuttleErrorCode.EmployerCodeUnknown, 'No registered park company has this employer code.');
      if (await em.getRepository(UserEntity).existsBy({ email }))
        throw conflict(ShuttleErrorCode.EmailTaken, 'An account with this email exists; sign in instead.');
      const phone = dto.phone ? dto.phone.replace(/[^0-9+]/g, '').slice(0, 20) : null;
      // Someone first booked by phone (a rider row with only that phone) claims it by signing up.
      const byPhone = phone
        ? await em.getRepository(UserEntity).findOne({ where: { phone }, lock: { mode: 'pessimistic_write' } })
        : null;
      const claimable =
        byPhone !== null && byPhone.role === Role.Rider && byPhone.passwordHash === null && byPhone.email === null;
      if (byPhone && !claimable)
        throw conflict(ShuttleErrorCode.PhoneTaken, 'An account with this phone number exists.');
      const user = await em.getRepository(UserEntity).save({
        ...(byPhone ? { id: byPhone.id } : {}),
        email,
        phone,
        passwordHash,
        displayName: dto.displayName,
        role: Role.Rider,
        locale: dto.locale ?? 'ko',
        companyId: company.id,
      });
      await em
        .createQueryBuilder()
        .insert()
        .into(UserAreaEntity)
        .values({ userId: user.id, areaId: company.areaId })
        .orIgnore()
        .execute();
      return user;
    });
    // The password was just hashed: issuing tokens directly spares a second hash.
    return this.auth.issue(user);
  }
}

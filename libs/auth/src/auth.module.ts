import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@app/config';
import { AccessTokenGuard } from './access-token.guard';
import { AccountCheck } from './account-check';
import { TokenService } from './token.service';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.auth.jwtSecret }),
    }),
  ],
  providers: [TokenService, AccessTokenGuard, AccountCheck],
  exports: [TokenService, AccessTokenGuard, AccountCheck],
})
export class AuthModule {}

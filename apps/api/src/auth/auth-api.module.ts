import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { SignInLimiter } from './sign-in-limiter';

@Module({ controllers: [AuthController], providers: [AuthService, SignInLimiter], exports: [AuthService] })
export class AuthApiModule {}

import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { CurrentPrincipal, Public } from '@app/auth';
import { ErrorCodes, Principal } from '@app/domain';
import { ApiProblems } from '@app/http';
import { RateLimited } from '../common/rate-limit/rate-limit';
import { AuthService } from './auth.service';
import { MeDto, RefreshDto, SignInDto, TokenPairDto } from './dto/sign-in.dto';

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('sign-in')
  @Public()
  @RateLimited('sign-in')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password; returns an access and a refresh token' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiTooManyRequestsResponse({
    description:
      'Too many attempts per minute, or too many failures at this account or from this address (blocks double)',
  })
  @ApiProblems(ErrorCodes.AUTH_INVALID_CREDENTIALS)
  signIn(@Body() body: SignInDto, @Ip() address: string): Promise<TokenPairDto> {
    return this.auth.signIn(body.email, body.password, address);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for a new pair (the old one is revoked)' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems(ErrorCodes.AUTH_REFRESH_INVALID)
  refresh(@Body() body: RefreshDto): Promise<TokenPairDto> {
    return this.auth.refresh(body.refreshToken);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in account' })
  @ApiOkResponse({ type: MeDto })
  @ApiProblems(ErrorCodes.USER_NOT_FOUND)
  me(@CurrentPrincipal() principal: Principal): Promise<MeDto> {
    return this.auth.me(principal);
  }
}

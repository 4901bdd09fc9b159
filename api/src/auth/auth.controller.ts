import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { Request, Response } from 'express';
import { noteSecurity } from '../common/request-context.js';
import { AnyRole, Public } from './access.decorator.js';
import type { AuthedRequest } from './auth.guard.js';
import { LoginService, RetryLater } from './login.service.js';
import { CurrentUser } from '../ledger/common/current-user.decorator.js';
import { ChangeOwnPasswordDto } from '../ledger/users/users.dto.js';
import { UsersService } from '../ledger/users/users.service.js';
import type { TokenClaims } from './tokens.js';
import { ApiAnswer, ApiErrors, ApiNoBody, Summary } from '../common/openapi.js';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { s } from '../../../analytics/src/json-schema.js';
import { ROLES } from './roles.js';

export class LoginDto {
  @ApiProperty({ minLength: 1, maxLength: 64 }) @IsString() @MinLength(1) @MaxLength(64) username: string;
  @ApiProperty({ minLength: 1, maxLength: 256, format: 'password' }) @IsString() @MinLength(1) @MaxLength(256) password: string;
}

/** Runs `work`; a refusal that says when to come back carries Retry-After. */
export async function withRetryAfter<T>(res: Response, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof RetryLater) res.setHeader('Retry-After', String(e.retryAfterSeconds));
    throw e;
  }
}

@ApiTags('auth 登录')
@Controller('api')
export class AuthController {
  constructor(@Inject(LoginService) private readonly logins: LoginService, @Inject(UsersService) private readonly users: UsersService) {}

  @Post('auth/login')
  @Summary('登录', 'Sign in: a bearer token for the other routes')
  @ApiAnswer(s.named('SignedIn', s.object<Awaited<ReturnType<LoginService['login']>>>({
    accessToken: s.string({ description: 'send as Authorization: Bearer …' }),
    user: s.object<Awaited<ReturnType<LoginService['login']>>['user']>({ username: s.string(), role: s.enum(ROLES), unitCode: s.nullable(s.string()) }),
  })))
  @ApiErrors(400, 401, 429, 503)
  @HttpCode(200)
  @Public()
  login(@Body() body: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    // the sign-in writes its own security events (login.*), more precise than a bare 401
    noteSecurity(req, { logged: true });
    return withRetryAfter(res, () => this.logins.login(body.username, body.password, req.ip ?? ''));
  }

  @Get('me')
  @Summary('当前用户', 'Who the token belongs to')
  @ApiAnswer(s.named('Me', s.object<{ username: string; role: TokenClaims['role']; unitCode: string | null }>({ username: s.string(), role: s.enum(ROLES), unitCode: s.nullable(s.string()) })))
  @AnyRole()
  me(@Req() req: AuthedRequest) {
    const u = req.user!;
    return { username: u.sub, role: u.role, unitCode: u.unit };
  }

  /** Signs the caller out everywhere: every token made for them so far stops working. */
  @Post('auth/logout-all')
  @Summary('全部退出', 'Sign out everywhere: every token made so far stops working')
  @ApiNoBody('signed out everywhere')
  @HttpCode(204)
  @AnyRole()
  async logoutAll(@CurrentUser() u: TokenClaims): Promise<void> {
    await this.users.logoutAll(u);
  }

  /** Every user changes their own password, giving the current one (counted like a sign-in attempt). */
  @Post('me/password')
  @Summary('修改本人密码', 'Change one\'s own password, giving the current one')
  @ApiNoBody('changed')
  @ApiErrors(400, 429)
  @HttpCode(204)
  @AnyRole()
  async changeOwnPassword(@Body() d: ChangeOwnPasswordDto, @CurrentUser() u: TokenClaims, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await withRetryAfter(res, () => this.logins.checkOwnPassword(u.sub, d.currentPassword, req.ip ?? ''));
    await this.users.changeOwnPassword(u, d.currentPassword, d.newPassword);
  }
}

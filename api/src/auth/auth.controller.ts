import { Body, Controller, Get, HttpCode, HttpException, Inject, Post, Req } from '@nestjs/common';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { Database } from '../database/data-source.js';
import { DATABASE } from '../common/tokens.js';
import { AnyRole, Public } from './access.decorator.js';
import type { AuthedRequest } from './auth.guard.js';
import { LoginLimiter } from './login-limiter.js';
import { TokenSigner } from './tokens.js';
import { verifyPassword } from './users.js';

export class LoginDto {
  @IsString() @MinLength(1) @MaxLength(64) username: string;
  @IsString() @MinLength(1) @MaxLength(256) password: string;
}

@Controller('api')
export class AuthController {
  private readonly limiter = new LoginLimiter();

  constructor(@Inject(DATABASE) private readonly db: Database, @Inject(TokenSigner) private readonly tokens: TokenSigner) {}

  @Post('auth/login')
  @HttpCode(200)
  @Public()
  async login(@Body() body: LoginDto, @Req() req: { ip?: string }) {
    const key = `${req.ip ?? ''}|${body.username}`;
    const wait = this.limiter.retryAfter(key);
    if (wait) throw new HttpException({ statusCode: 429, code: 'TOO_MANY_ATTEMPTS', message: `too many failed sign-ins; try again in ${wait} s` }, 429);
    const user = await verifyPassword(this.db.dataSource, body.username, body.password);
    if (!user) {
      this.limiter.fail(key);
      throw new HttpException({ statusCode: 401, code: 'BAD_CREDENTIALS', message: 'wrong username or password' }, 401);
    }
    this.limiter.succeed(key);
    return { accessToken: this.tokens.sign(user), user: { username: user.username, role: user.role, unitCode: user.unitCode } };
  }

  @Get('me')
  @AnyRole()
  me(@Req() req: AuthedRequest) {
    const u = req.user!;
    return { username: u.sub, role: u.role, unitCode: u.unit };
  }
}

import { type CanActivate, type ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { noteSecurity } from '../common/request-context.js';
import { ACCESS, type AccessRule } from './access.decorator.js';
import { TokenSigner, type TokenClaims } from './tokens.js';
import { UserAccess } from './user-access.js';

export interface AuthedRequest {
  headers: Record<string, string | undefined>;
  user?: TokenClaims;
  ip?: string;
}

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenSigner) private readonly tokens: TokenSigner,
    @Inject(UserAccess) private readonly access: UserAccess,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS, [ctx.getHandler(), ctx.getClass()]);
    if (!rule) throw new ForbiddenException('this route has no access rule and is closed');
    if ('public' in rule) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers.authorization ?? '';
    const claims = header.startsWith('Bearer ') ? await this.tokens.verify(header.slice(7)) : undefined;
    if (!claims) {
      noteSecurity(req, { reason: header ? 'invalid or expired token' : 'no token' });
      throw new UnauthorizedException('sign in first: missing, invalid or expired token');
    }
    // the token is checked against the user as they are now, not as they were at sign-in
    const refused = await this.access.refusal(claims);
    if (refused) {
      noteSecurity(req, { user: claims.sub, reason: refused });
      throw new UnauthorizedException(`sign in again: ${refused}`);
    }
    if (!rule.roles.includes(claims.role)) {
      noteSecurity(req, { user: claims.sub, reason: `role ${claims.role} may not call this route` });
      throw new ForbiddenException(`role ${claims.role} may not do this`);
    }
    noteSecurity(req, { user: claims.sub });
    req.user = claims;
    return true;
  }
}

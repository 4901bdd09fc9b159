import { type CanActivate, type ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS, type AccessRule } from './access.decorator.js';
import { TokenSigner, type TokenClaims } from './tokens.js';

export interface AuthedRequest {
  headers: Record<string, string | undefined>;
  user?: TokenClaims;
}

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(@Inject(Reflector) private readonly reflector: Reflector, @Inject(TokenSigner) private readonly tokens: TokenSigner) {}

  canActivate(ctx: ExecutionContext): boolean {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS, [ctx.getHandler(), ctx.getClass()]);
    if (!rule) throw new ForbiddenException('this route has no access rule and is closed');
    if ('public' in rule) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers.authorization ?? '';
    const claims = header.startsWith('Bearer ') ? this.tokens.verify(header.slice(7)) : undefined;
    if (!claims) throw new UnauthorizedException('sign in first: missing, invalid or expired token');
    if (!rule.roles.includes(claims.role)) throw new ForbiddenException(`role ${claims.role} may not do this`);
    req.user = claims;
    return true;
  }
}

import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthedRequest } from '../../auth/auth.guard.js';
import type { TokenClaims } from '../../auth/tokens.js';

/** The signed-in user's claims; the global AuthGuard has set them on every route that is not public. */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): TokenClaims => {
  const user = ctx.switchToHttp().getRequest<AuthedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a public route');
  return user;
});

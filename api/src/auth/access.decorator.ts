import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { Role } from './roles.js';
import { ROLES } from './roles.js';
import { ApiError, NoSecurity } from '../common/openapi.js';

// Every route states who may call it; the guard refuses a route that states nothing. The same statement
// writes the route's security in the OpenAPI document (bearer and its 401/403 answers, or none), so the
// document cannot say otherwise than the guard.
export const ACCESS = 'access';
export type AccessRule = { public: true } | { roles: readonly Role[] };

export const Public = () => applyDecorators(SetMetadata(ACCESS, { public: true } satisfies AccessRule), NoSecurity());

const signedIn = (roles: readonly Role[], who: string) => applyDecorators(
  SetMetadata(ACCESS, { roles } satisfies AccessRule),
  ApiBearerAuth(),
  ApiError(401),
  ApiError(403, `无权访问 / forbidden: ${who} (FORBIDDEN); a unit-bound user reading another unit's record (OUT_OF_SCOPE)`),
);

export const Roles = (...roles: Role[]) => signedIn(roles, `only ${roles.join(', ')} may call this`);
export const AnyRole = () => signedIn(ROLES, 'every signed-in role may call this, within its scope');

import { SetMetadata } from '@nestjs/common';
import type { Role } from './roles.js';
import { ROLES } from './roles.js';

// Every route states who may call it; the guard refuses a route that states nothing.
export const ACCESS = 'access';
export type AccessRule = { public: true } | { roles: readonly Role[] };

export const Public = () => SetMetadata(ACCESS, { public: true } satisfies AccessRule);
export const Roles = (...roles: Role[]) => SetMetadata(ACCESS, { roles } satisfies AccessRule);
export const AnyRole = () => SetMetadata(ACCESS, { roles: ROLES } satisfies AccessRule);

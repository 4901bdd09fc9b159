import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from './roles.js';

// Short-lived HS256 JSON Web Tokens, signed with node:crypto: a few lines, no dependency to audit.
export interface TokenClaims {
  sub: string;
  role: Role;
  unit: string | null;
  iat: number;
  exp: number;
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export class TokenSigner {
  private readonly secret: Buffer;

  constructor(secret: string | undefined, private readonly ttlSeconds: number) {
    // without JWT_SECRET a restart signs everyone out, which is the safe default
    this.secret = secret ? Buffer.from(secret) : randomBytes(32);
  }

  sign(user: { username: string; role: Role; unitCode: string | null }, now = Date.now()): string {
    const iat = Math.floor(now / 1000);
    const claims: TokenClaims = { sub: user.username, role: user.role, unit: user.unitCode, iat, exp: iat + this.ttlSeconds };
    const head = `${b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64(JSON.stringify(claims))}`;
    return `${head}.${b64(createHmac('sha256', this.secret).update(head).digest())}`;
  }

  /** The claims of a valid, unexpired token, else undefined. */
  verify(token: string, now = Date.now()): TokenClaims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const want = createHmac('sha256', this.secret).update(`${parts[0]}.${parts[1]}`).digest();
    const got = Buffer.from(parts[2], 'base64url');
    if (got.length !== want.length || !timingSafeEqual(got, want)) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as TokenClaims;
      return claims.exp * 1000 > now ? claims : undefined;
    } catch {
      return undefined;
    }
  }
}

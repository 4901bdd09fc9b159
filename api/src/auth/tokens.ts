import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { isRole, type Role } from './roles.js';

// Short-lived HS256 JSON Web Tokens, made and checked by jose (a maintained library: algorithm pinned,
// expiry and signature checked in one call). A token names its user and the user's token version at
// sign-in; the guard compares both with the user as they are now on every request (user-access.ts), so signing
// out everywhere, a disabled account or a changed role end the token at once.
export interface TokenClaims {
  sub: string;
  role: Role;
  unit: string | null;
  /** the user's token version when the token was made (users.token_version) */
  ver: number;
  iat: number;
  exp: number;
}

const ALG = 'HS256';

/** verified tokens kept (a few hundred bytes each): more than the users of one deployment sign in with */
const VERIFIED_KEPT = 10_000;

export class TokenSigner {
  private readonly secret: Uint8Array;

  constructor(secret: string | undefined, private readonly ttlSeconds: number) {
    // without JWT_SECRET a restart signs everyone out, which is the safe default; a given one is at
    // least 32 bytes (config/env.ts refuses a shorter one at start)
    this.secret = secret ? new TextEncoder().encode(secret) : new Uint8Array(randomBytes(32));
  }

  sign(user: { username: string; role: Role; unitCode: string | null; tokenVersion: number }, now = Date.now()): Promise<string> {
    const iat = Math.floor(now / 1000);
    return new SignJWT({ role: user.role, unit: user.unitCode, ver: user.tokenVersion })
      .setProtectedHeader({ alg: ALG, typ: 'JWT' })
      .setSubject(user.username)
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.ttlSeconds)
      .sign(this.secret);
  }

  // jose verifies through WebCrypto, an async job a call: about 0.2 ms of CPU a request under load, a
  // third of a cached GET's (profiled at 50 connections). A token's bytes verify the same way every time,
  // so a verified token's claims are kept; its expiry is still checked on every call (as jose does it),
  // and revocation never rested on the signature (UserAccess checks the user as they are now on every request).
  private readonly verified = new Map<string, TokenClaims>();

  /** The claims of a valid, unexpired token of the shape we sign, else undefined. */
  async verify(token: string, now = Date.now()): Promise<TokenClaims | undefined> {
    const hit = this.verified.get(token);
    if (hit && hit.exp > Math.floor(now / 1000)) return { ...hit }; // a copy: a request's user is its own
    if (hit) this.verified.delete(token); // expired: jose would say so too
    const claims = await this.verifySignature(token, now);
    if (claims) {
      if (this.verified.size >= VERIFIED_KEPT) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { ...claims });
    }
    return claims;
  }

  private async verifySignature(token: string, now: number): Promise<TokenClaims | undefined> {
    try {
      const { payload: p } = await jwtVerify(token, this.secret, { algorithms: [ALG], currentDate: new Date(now), requiredClaims: ['sub', 'exp', 'iat'] });
      if (typeof p.sub !== 'string' || typeof p.role !== 'string' || !isRole(p.role)) return undefined;
      if (!(p.unit === null || typeof p.unit === 'string') || typeof p.ver !== 'number' || !Number.isInteger(p.ver)) return undefined;
      return { sub: p.sub, role: p.role, unit: p.unit, ver: p.ver, iat: p.iat!, exp: p.exp! };
    } catch {
      return undefined;
    }
  }
}

import { describe, expect, it } from '@jest/globals';
import { parseSession, tokenExpiry } from '../../../dashboard/src/api/session-token.js';

// a JWT's three parts; only the claims matter to the dashboard (the server checks the signature)
const jwt = (claims: object) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
const user = { username: 'admin', role: 'city_office', unitCode: null };

describe('the stored session', () => {
  it('reads the expiry of a short-lived token', () => {
    expect(tokenExpiry(jwt({ sub: 'admin', exp: 1_700_000_000 }))).toBe(1_700_000_000);
    expect(tokenExpiry('not-a-token')).toBeUndefined();
  });

  it('keeps a session until its token expires, then drops it', () => {
    const s = { token: jwt({ exp: 1_700_000_000 }), user };
    expect(parseSession(JSON.stringify(s), 1_699_999_999_000)).toEqual(s);
    expect(parseSession(JSON.stringify(s), 1_700_000_000_000)).toBeNull();
  });

  it('reads nothing from an empty or damaged value', () => {
    expect(parseSession(null)).toBeNull();
    expect(parseSession('{')).toBeNull();
    expect(parseSession(JSON.stringify({ user }))).toBeNull();
    // a token the dashboard cannot read is left to the server, which answers 401
    expect(parseSession(JSON.stringify({ token: 'opaque', user }))).toEqual({ token: 'opaque', user });
  });
});

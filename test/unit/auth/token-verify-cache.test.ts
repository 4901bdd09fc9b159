import { describe, expect, it } from '@jest/globals';
import { TokenSigner } from '../../../api/src/auth/tokens.js';

// TokenSigner keeps the claims of tokens it verified (api/src/auth/tokens.ts says why): a kept token
// must still expire on time, and nothing but the exact bytes of a verified token may hit.
describe('verified-token cache', () => {
  const user = { username: 'admin', role: 'city_office' as const, unitCode: null, tokenVersion: 1 };
  const t0 = Date.UTC(2026, 0, 1);

  it('answers a verified token again, and refuses it once expired (as jose does)', async () => {
    const signer = new TokenSigner('x'.repeat(32), 60);
    const token = await signer.sign(user, t0);
    expect(await signer.verify(token, t0 + 1000)).toMatchObject({ sub: 'admin', role: 'city_office', ver: 1 });
    expect(await signer.verify(token, t0 + 59_999)).toMatchObject({ sub: 'admin' });
    expect(await signer.verify(token, t0 + 60_000)).toBeUndefined();
    // a fresh signer (no cache) says the same
    const cold = new TokenSigner('x'.repeat(32), 60);
    expect(await cold.verify(token, t0 + 59_999)).toMatchObject({ sub: 'admin' });
    expect(await cold.verify(token, t0 + 60_000)).toBeUndefined();
  });

  it('does not accept a token altered after its original was verified, nor one of another key', async () => {
    const signer = new TokenSigner('x'.repeat(32), 60);
    const token = await signer.sign(user, t0);
    expect(await signer.verify(token, t0)).toBeDefined();
    const [h, p, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), role: 'viewer' })).toString('base64url');
    expect(await signer.verify(`${h}.${forged}.${sig}`, t0)).toBeUndefined();
    expect(await signer.verify(`${token}x`, t0)).toBeUndefined();
    expect(await new TokenSigner('y'.repeat(32), 60).verify(token, t0)).toBeUndefined();
  });

  it("gives each caller its own copy of the claims", async () => {
    const signer = new TokenSigner('x'.repeat(32), 60);
    const token = await signer.sign(user, t0);
    const a = (await signer.verify(token, t0))!;
    a.role = 'viewer';
    expect((await signer.verify(token, t0))!.role).toBe('city_office');
  });
});

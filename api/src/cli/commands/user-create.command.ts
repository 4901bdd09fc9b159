import os from 'node:os';
import { weakPasswordReason } from '../../auth/password-rule.js';
import { createUser, UserInputError } from '../../auth/users.js';
import { openLedger } from '../../database/open-ledger.js';
import { EXIT, UsageError } from '../usage-error.js';
import type { Command } from './command.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export const userCreateCommand: Command = {
  options: { username: { type: 'string' }, role: { type: 'string' }, unit: { type: 'string' } },
  async run(v, _p, env) {
    if (typeof v.username !== 'string' || typeof v.role !== 'string') throw new UsageError('user create needs --username NAME --role ROLE');
    if (process.stdin.isTTY) process.stderr.write('password (ends with Enter, then Ctrl-D): ');
    const password = await readStdin();
    const weak = weakPasswordReason(password, v.username);
    if (weak) throw new UsageError(`WEAK_PASSWORD: ${weak}`);
    const session = await openLedger(env, 'write');
    try {
      const user = await createUser(session.db.dataSource, { username: v.username, role: v.role, unitCode: typeof v.unit === 'string' ? v.unit : undefined, password }, `cli:${os.userInfo().username}`);
      await session.commit();
      process.stdout.write(`created user ${user.username} (${user.role}${user.unitCode ? `, unit ${user.unitCode}` : ''})\n`);
      return EXIT.done;
    } catch (e) {
      if (e instanceof UserInputError) throw new UsageError(e.message);
      throw e;
    } finally {
      await session.close();
    }
  },
};

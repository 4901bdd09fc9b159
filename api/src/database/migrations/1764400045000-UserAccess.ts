import type { MigrationInterface, QueryRunner } from 'typeorm';

// Accounts that can be switched off and sessions that can be ended, so a lost laptop or a departed clerk stops at once: a disabled user
// keeps their row (the audit trail names them) but signs in no more; every token carries the user's
// token version at sign-in, and raising it (sign out everywhere, password reset, disabled, new role)
// ends every token made before.
export class UserAccess1764400045000 implements MigrationInterface {
  name = 'UserAccess1764400045000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users ADD COLUMN disabled_at timestamptz;
      ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN token_version, DROP COLUMN disabled_at;`);
  }
}

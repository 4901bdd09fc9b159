import type { MigrationInterface, QueryRunner } from 'typeorm';

// A server answers "does this token still stand?" from memory (auth/user-access.ts) and must hear at once
// when a user changes in another process (the CLI, a second server, an operator's SQL): every write to
// users NOTIFY users_changed with the username at commit ('' after a TRUNCATE: everyone).
export class UsersChanged1764400180000 implements MigrationInterface {
  name = 'UsersChanged1764400180000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_users_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          PERFORM pg_notify('users_changed', '');
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM pg_notify('users_changed', OLD.username);
        ELSE
          PERFORM pg_notify('users_changed', NEW.username);
          -- a renamed user: tokens name the old username
          IF TG_OP = 'UPDATE' AND OLD.username IS DISTINCT FROM NEW.username THEN
            PERFORM pg_notify('users_changed', OLD.username);
          END IF;
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER trg_users_changed AFTER INSERT OR UPDATE OR DELETE ON users
        FOR EACH ROW EXECUTE FUNCTION notify_users_changed();
      CREATE TRIGGER trg_users_truncated AFTER TRUNCATE ON users
        FOR EACH STATEMENT EXECUTE FUNCTION notify_users_changed();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER trg_users_truncated ON users;
      DROP TRIGGER trg_users_changed ON users;
      DROP FUNCTION notify_users_changed();
    `);
  }
}

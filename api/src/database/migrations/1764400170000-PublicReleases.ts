import type { MigrationInterface, QueryRunner } from 'typeorm';

// 三公开 (seed notice §五): the months whose hazard list the city office has released to the public. A
// month is released once, by a named user; the public page and its CSV answer only for released months.
export class PublicReleases1764400170000 implements MigrationInterface {
  name = 'PublicReleases1764400170000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE public_releases (
        month char(7) PRIMARY KEY,
        released_at timestamptz NOT NULL DEFAULT now(),
        released_by text NOT NULL
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE public_releases;`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

// The register of 发文字号 (晋危废专办〔2023〕N号): a number given to one briefing is never given to
// another. The primary key is the last guard; exports/document-numbers.ts serialises the allocation.
export class DocumentNumbers1764400160000 implements MigrationInterface {
  name = 'DocumentNumbers1764400160000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE document_numbers (
        prefix text NOT NULL,
        year integer NOT NULL,
        number integer NOT NULL CHECK (number > 0),
        month char(7) NOT NULL,
        issued_by text NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_document_numbers PRIMARY KEY (prefix, year, number)
      );
      CREATE INDEX idx_document_numbers_month ON document_numbers (prefix, year, month);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE document_numbers;`);
  }
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/** one 发文字号 given to a briefing (migration 1764400160000-DocumentNumbers; exports/document-numbers.ts) */
@Entity('document_numbers')
export class DocumentNumber {
  /** 机关代字, e.g. 晋危废专办 */
  @PrimaryColumn({ type: 'text' }) prefix: string;
  @PrimaryColumn({ type: 'integer' }) year: number;
  @PrimaryColumn({ type: 'integer' }) number: number;
  /** the month whose briefing carries it */
  @Column({ type: 'char', length: 7 }) month: string;
  @Column({ type: 'text', name: 'issued_by' }) issuedBy: string;
  @Column({ type: 'timestamptz', name: 'issued_at', default: () => 'now()' }) issuedAt: Date;
}

import pg from 'pg';
import { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';

// COPY streams need node-postgres's own wire connection. PGlite's node-postgres adapter replaces that
// connection and has no COPY streams, so callers fall back to plain queries there.

/**
 * The node-postgres client under a TypeORM transaction when it can stream COPY (a real PostgreSQL
 * server), else undefined (embedded PGlite). Statements sent on it run in that same transaction.
 */
export async function copyCapableClient(m: EntityManager): Promise<pg.ClientBase | undefined> {
  if (!m.queryRunner) throw new Error('copyCapableClient: the entity manager has no query runner; call it inside a transaction');
  const client = (await m.queryRunner.connect()) as pg.ClientBase & { connection?: unknown };
  return client.connection instanceof pg.Connection ? client : undefined;
}

// Protocol message codes (https://www.postgresql.org/docs/current/protocol-message-formats.html).
const COPY_OUT_RESPONSE = 0x48; // H
const COPY_DATA = 0x64; // d
const COPY_DONE = 0x63; // c
// may come between CopyData messages (protocol-flow.html, "COPY Operations"): skipped
const INTERSPERSED = new Set([0x4e /* N notice */, 0x53 /* S parameter status */, 0x41 /* A notification */]);

/**
 * `COPY … TO STDOUT` as a readable stream of the bytes PostgreSQL writes, for client.query(copyOut(sql)).
 * PostgreSQL sends every row in a CopyData message of its own; pg-copy-streams copies each one through a
 * buffer list, which cost this process about 1 µs a row (as much CPU as DuckDB's read of the CSV). Here the
 * message headers are cut out of each socket chunk in place (copyWithin, no allocation a row) and the chunk
 * goes on whole. Anything but copy data hands the rest of the bytes back to node-postgres, which then ends
 * the query (CommandComplete, ReadyForQuery) or fails it (ErrorResponse).
 */
export class CopyOut extends Readable implements pg.Submittable {
  rowCount = 0;
  private connection?: pg.Connection;
  private pgDataHandler?: (b: Buffer) => void;
  /** header bytes of a message cut by the end of the last chunk */
  private partial?: Buffer;
  /** bytes of the current message still to come, and whether they are copy data */
  private remaining = 0;
  private inData = false;
  private ended = false;
  private wanted = false;
  private forwarding = false;
  private readonly onReadable = () => this.forward();

  constructor(readonly text: string) {
    super();
  }

  /** called by node-postgres when the query's turn comes */
  submit(connection: pg.Connection): void {
    this.connection = connection;
    const stream = connection.stream;
    const [handler] = stream.listeners('data') as ((b: Buffer) => void)[];
    this.pgDataHandler = handler;
    stream.removeListener('data', handler);
    stream.pause();
    stream.on('readable', this.onReadable);
    connection.query(this.text);
    this.forward();
  }

  override _read(): void {
    this.wanted = true;
    this.forward();
  }

  private forward(): void {
    if (this.forwarding || !this.wanted || !this.connection || this.ended) return;
    this.forwarding = true;
    let chunk: Buffer | null;
    // the socket stream has no encoding set: it gives Buffers
    while (this.wanted && !this.ended && (chunk = this.connection.stream.read() as Buffer | null) !== null) this.wanted = this.parse(chunk);
    this.forwarding = false;
  }

  /** Cuts the message headers out of `chunk`, pushes the copy data; false when the consumer is full. */
  private parse(input: Buffer): boolean {
    let chunk = input;
    if (this.partial) {
      chunk = Buffer.concat([this.partial, input]);
      this.partial = undefined;
    }
    let w = 0; // where the next copy data byte goes: never past i, so unread bytes are never overwritten
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (this.remaining > 0) {
        const end = Math.min(n, i + this.remaining);
        if (this.inData) {
          if (w !== i) chunk.copyWithin(w, i, end);
          w += end - i;
        }
        this.remaining -= end - i;
        i = end;
        continue;
      }
      if (n - i < 5) {
        this.partial = Buffer.from(chunk.subarray(i));
        break;
      }
      const code = chunk[i];
      const length = chunk.readUInt32BE(i + 1) - 4;
      if (code === COPY_DATA) {
        this.inData = true;
      } else if (code === COPY_OUT_RESPONSE || INTERSPERSED.has(code)) {
        this.inData = false;
      } else {
        // CopyDone, or an error: node-postgres reads the rest
        const rest = chunk.subarray(code === COPY_DONE ? i + 5 + length : i);
        return this.finish(chunk.subarray(0, w), rest);
      }
      this.remaining = length;
      i += 5;
    }
    return w > 0 ? this.push(chunk.subarray(0, w)) : true;
  }

  private finish(data: Buffer, rest: Buffer): boolean {
    if (data.length > 0) this.push(data);
    this.ended = true;
    const stream = this.connection!.stream;
    stream.removeListener('readable', this.onReadable);
    stream.on('data', this.pgDataHandler!);
    if (rest.length > 0) this.pgDataHandler!(rest);
    // the unread bytes still buffered in the socket stream flow to node-postgres once it resumes
    process.nextTick(() => stream.resume());
    return false;
  }

  /** node-postgres: the COPY failed (after finish handed it the ErrorResponse) */
  handleError(e: Error): void {
    this.destroy(e);
  }

  /** node-postgres: "COPY n" */
  handleCommandComplete(msg: { text?: string }): void {
    const m = /COPY (\d+)/.exec(msg?.text ?? '');
    if (m) this.rowCount = Number(m[1]);
  }

  /** node-postgres: the query is over; the stream ends only now, when rowCount is known */
  handleReadyForQuery(): void {
    if (!this.destroyed) this.push(null);
  }
}

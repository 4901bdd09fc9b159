import type { Server } from 'node:http';
import type { INestApplication, LoggerService } from '@nestjs/common';
import type { Database } from '../database/data-source.js';

// Requests under way when the stop begins get this long to finish; then their connections are cut.
const GRACE_MS = 10_000;
// A step that hangs (a database that does not close) must not keep a stopped service alive for ever.
const DEADLINE_MS = 30_000;

/** Stops listening and waits for the requests under way; idle keep-alive connections close at once. */
function stopAccepting(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    const cut = setTimeout(() => server.closeAllConnections(), GRACE_MS);
    cut.unref();
    server.close(() => {
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/**
 * SIGTERM and SIGINT stop the server in one fixed order: stop accepting (and let requests under way
 * answer), close Nest (its modules' destroy and shutdown hooks: the analytics engine, the schedule),
 * close the database (PGlite writes its shutdown checkpoint), release the DATA_DIR lock, exit 0.
 * Nest's own enableShutdownHooks is not used: it re-raises the signal after closing, so the process
 * dies by the signal (exit status 143), and it ran beside a handler of ours in no set order.
 */
export function stopOnSignals(o: { app: INestApplication; db: Database; releaseLock?: () => void; log: LoggerService }): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) {
      o.log.warn?.(`${signal} while stopping: already on the way`);
      return;
    }
    stopping = true;
    o.log.log(`${signal}: stopping (no new requests; closing the application and the database)`);
    setTimeout(() => {
      o.log.error(`could not stop within ${DEADLINE_MS / 1000} s; exiting anyway`);
      o.releaseLock?.();
      process.exit(1);
    }, DEADLINE_MS).unref();
    let code = 0;
    try {
      await stopAccepting(o.app.getHttpServer() as Server);
      await o.app.close();
      await o.db.close();
    } catch (e) {
      o.log.error(`stopping failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      code = 1;
    } finally {
      o.releaseLock?.();
    }
    o.log.log(code === 0 ? 'stopped' : 'stopped with an error');
    process.exit(code);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stop(signal));
}

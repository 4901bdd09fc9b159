import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** How long an idle keep-alive connection stays open: longer than clients and proxies keep theirs (nginx 60 s). */
export const KEEP_ALIVE_MS = 65_000;

/**
 * How many connections may sit idle between requests at once. Each holds a socket and its buffers, and
 * at 65 s a client that makes a request on each of many connections and leaves them idle holds each
 * thirteen times longer than at Node's default: past this many, the one idle longest is closed. An
 * office's users, or a proxy in front, hold a few dozen; reaching it means someone is hoarding them.
 */
export const IDLE_CAP = 1_000;

/** Marks the request listener that counts idle connections, so that direct-routes.ts can tell it from Express's. */
export const IDLE_TRACKER = Symbol('idle connection tracker');

/**
 * The server must not be the first to close an idle connection. Node's default (5 s) races a client
 * that reuses the connection at that moment: its request meets a reset and the client sees "fetch
 * failed" with no answer. Under load both event loops lag by seconds, so the race is not rare (a GET
 * of the 50-client load test, in CI). headersTimeout stays above it, as Node's documentation asks.
 * Connections idle beyond `idleCap` are closed, the longest idle first.
 */
export function keepIdleConnectionsOpen(server: Server, idleCap = IDLE_CAP): void {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  // the connections idle after an answer, in the order they became idle (a Map keeps insertion order)
  const idle = new Map<Socket, true>();
  const watched = new WeakSet<Socket>();
  const track = (req: IncomingMessage, res: ServerResponse): void => {
    const socket = req.socket;
    idle.delete(socket);
    if (!watched.has(socket)) {
      watched.add(socket);
      socket.once('close', () => idle.delete(socket));
    }
    res.once('finish', () => {
      if (socket.destroyed || !res.shouldKeepAlive) return;
      idle.set(socket, true);
      for (const [oldest] of idle) {
        if (idle.size <= idleCap) break;
        idle.delete(oldest);
        oldest.destroy();
      }
    });
  };
  server.prependListener('request', Object.assign(track, { [IDLE_TRACKER]: true }));
}

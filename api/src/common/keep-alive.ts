import type { Server } from 'node:http';

/** How long an idle keep-alive connection stays open: longer than clients and proxies keep theirs (nginx 60 s). */
export const KEEP_ALIVE_MS = 65_000;

/**
 * The server must not be the first to close an idle connection. Node's default (5 s) races a client
 * that reuses the connection at that moment: its request meets a reset and the client sees "fetch
 * failed" with no answer. Under load both event loops lag by seconds, so the race is not rare (a GET
 * of the 50-client load test, in CI). headersTimeout stays above it, as Node's documentation asks.
 */
export function keepIdleConnectionsOpen(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
}

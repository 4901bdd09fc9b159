import type { IncomingMessage } from 'node:http';

// A refusal sent while the client is still sending its body (a 401/403 from a guard before multer reads
// the upload, a 413 for a body over a limit, a 400 thrown mid-upload) left the rest unread; the client,
// blocked on writing, saw the connection reset (`fetch failed … ECONNRESET`) instead of the answer. The
// error answer therefore waits until the body is read and discarded, within bounds: a client that sends
// more than the cap, or too slowly, gets the answer with `Connection: close` (see HttpErrorFilter).

/** what an error answer reads and throws away before it is sent */
export const DRAIN_LIMITS = { maxBytes: 64 * 1024 * 1024, timeoutMs: 15_000 };

/** true when the request's body has been read to its end (or had none); false when it was cut short */
export function drainRequest(req: IncomingMessage, limits: { maxBytes: number; timeoutMs: number } = DRAIN_LIMITS): Promise<boolean> {
  if (req.complete || req.readableEnded) return Promise.resolve(true);
  if (req.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    let seen = 0;
    const finish = (ended: boolean) => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onGone).off('close', onClose);
      resolve(ended);
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > limits.maxBytes) finish(false);
    };
    const onEnd = () => finish(true);
    const onGone = () => finish(false);
    const onClose = () => finish(req.complete);
    const timer = setTimeout(() => finish(false), limits.timeoutMs);
    req.on('data', onData).once('end', onEnd).once('error', onGone).once('close', onClose);
    req.resume();
  });
}

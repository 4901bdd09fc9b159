/**
 * The security-log events in a command's stderr (JSON lines of api/src/common/security-log.ts). Any other
 * line is kept as it is, so a test that expects only events also fails on an error printed beside them.
 */
export function securityEvents(stderr: string): string[] {
  return stderr.split('\n').filter(Boolean).map((l) => {
    try {
      const e = JSON.parse(l) as { log?: string; event?: string };
      return e.log === 'security' ? (e.event ?? '?') : l;
    } catch {
      return l;
    }
  });
}

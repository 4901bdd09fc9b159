// Reads a trace of `strace -f -tt -T -yy` into the system calls of one thread, in the order they ran.
// A call that another thread's line interrupted is printed as `name(args <unfinished ...>` and later
// `<... name resumed>rest`: the two halves are joined, so `end` is where the call returned.

export interface Syscall {
  name: string;
  /** the arguments as printed (file descriptors with their path or socket: `7</data/x>`) */
  args: string;
  /** what it returned, as printed (`0`, `-1 EBADF (…)`, `881`) */
  result: string;
  /** seconds spent in the call (`-T`) */
  seconds: number;
  /** line numbers where it started and returned */
  start: number;
  end: number;
}

const LINE = /^(\d+)\s+\d\d:\d\d:\d\d\.\d+\s+(.*)$/;
const UNFINISHED = /^(\w+)\((.*) <unfinished \.\.\.>$/;
const RESUMED = /^<\.\.\. (\w+) resumed>(.*)$/;
const WHOLE = /^(\w+)\((.*)$/;
// the last `) = ` ends the arguments (a string argument may hold one too, but never after it)
const RESULT = /^(.*)\)\s+=\s+(.*?)(?:\s+<(\d+\.\d+)>)?$/;

function split(rest: string): { args: string; result: string; seconds: number } {
  const m = RESULT.exec(rest);
  if (!m) return { args: rest, result: '?', seconds: 0 };
  return { args: m[1], result: m[2], seconds: Number(m[3] ?? 0) };
}

export function threadCalls(trace: string, tid: number): Syscall[] {
  const out: Syscall[] = [];
  let open: { name: string; args: string; start: number } | undefined;
  trace.split('\n').forEach((line, i) => {
    const m = LINE.exec(line);
    if (!m || Number(m[1]) !== tid) return;
    const body = m[2];
    if (body.startsWith('+++') || body.startsWith('---')) return; // exit or signal
    const u = UNFINISHED.exec(body);
    if (u) {
      open = { name: u[1], args: u[2], start: i };
      return;
    }
    const r = RESUMED.exec(body);
    if (r && open && open.name === r[1]) {
      const s = split(r[2]);
      out.push({ name: open.name, args: open.args + s.args, result: s.result, seconds: s.seconds, start: open.start, end: i });
      open = undefined;
      return;
    }
    const w = WHOLE.exec(body);
    if (w) out.push({ name: w[1], ...split(w[2]), start: i, end: i });
  });
  return out;
}

/** The descriptor's description in the call's first argument: `91<TCP:[a->b]>, …` gives `TCP:[a->b]`. */
export function firstFd(call: Syscall): string | undefined {
  // a socket's description holds a `>` of its own (`->`): the description ends at `>` before `, ` or the end
  return /^\d+<(.*?)>(?=, |$)/.exec(call.args)?.[1];
}

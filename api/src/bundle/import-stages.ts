// Where an import's time goes, stage by stage, for the one measuring it (HW_IMPORT_STAGES=1 on stderr):
// wall time and this process's CPU since the previous stage; the rest of the wall is PostgreSQL's or
// the machine's. Silent otherwise.

const on = process.env.HW_IMPORT_STAGES === '1';
let wall = performance.now();
let cpu = process.cpuUsage();

/** Marks the end of a stage of the import. */
export function importStage(name: string): void {
  if (!on) return;
  const now = performance.now();
  const used = process.cpuUsage(cpu);
  process.stderr.write(`import stage ${name}: ${(now - wall).toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms node CPU\n`);
  wall = now;
  cpu = process.cpuUsage();
}

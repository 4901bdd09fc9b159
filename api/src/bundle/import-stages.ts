import { stageMarks } from '../../../analytics/src/stage-trace.js';

// Where an import's time goes, stage by stage, for the one measuring it (HW_IMPORT_STAGES=1 on stderr):
// wall time and this process's CPU since the previous stage (the first: since this module was loaded);
// the rest of the wall is PostgreSQL's or the machine's. Silent otherwise.

/** Marks the end of a stage of the import: `import stage <name>: … ms wall, … ms node CPU`. */
export const importStage: (name: string) => void = stageMarks(process.env.HW_IMPORT_STAGES === '1', 'import stage');

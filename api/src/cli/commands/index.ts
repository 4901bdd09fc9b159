import type { Command } from './command.js';
import { dispatchCommand } from './dispatch.command.js';
import { importCommand } from './import.command.js';
import { scoresCommand } from './scores.command.js';
import { traceCommand } from './trace.command.js';
import { coverageCommand } from './coverage.command.js';
import { userCreateCommand } from './user-create.command.js';
import { auditCheckpointCommand, auditShowCommand, auditVerifyCommand } from './audit.commands.js';
import { exportBriefingCommand, exportCsvCommand, exportDispatchCommand } from '../../exports/export.commands.js';
import { exportParquetCommand } from '../../exports/parquet.command.js';
import { reconcileCommand } from '../../reconcile/reconcile.command.js';
import { backupCommand, restoreCommand } from '../../backup/backup.commands.js';

export type { Command };

export const COMMANDS: Record<string, Command> = {
  import: importCommand,
  dispatch: dispatchCommand,
  scores: scoresCommand,
  trace: traceCommand,
  coverage: coverageCommand,
  'user create': userCreateCommand,
  'audit verify': auditVerifyCommand,
  'audit checkpoint': auditCheckpointCommand,
  'audit show': auditShowCommand,
  'export dispatch': exportDispatchCommand,
  'export briefing': exportBriefingCommand,
  'export csv': exportCsvCommand,
  'export parquet': exportParquetCommand,
  reconcile: reconcileCommand,
  backup: backupCommand,
  restore: restoreCommand,
};

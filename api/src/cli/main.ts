import 'reflect-metadata';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EnvError, readEnv } from '../config/env.js';
import { DataDirInUseError } from '../database/data-dir-lock.js';
import { setSecurityLogStream } from '../common/security-log.js';
import { BundleRefusedError, formatProblem } from '../bundle/import-bundle.js';
import { EXIT, RefusedError, UsageError } from './usage-error.js';
import { ZipRefusedError } from '../common/safe-zip.js';
import { COMMANDS, type Command } from './commands/index.js';

const USAGE = `usage: npm run cli -- COMMAND [options]

  import PATH                                        import a bundle folder or .xlsx workbook
  dispatch --month YYYY-MM [--out FILE]              dispatch tables (调度表) as of the end of the month
  scores --month YYYY-MM [--published] [--scheme V] [--out FILE]
                                                     scores and ranking (打分排队)
  trace --month YYYY-MM [--out FILE]                 accountability traceback (责任追溯)
  coverage --month YYYY-MM [--out FILE]              inspection coverage (7—8月全覆盖, 9—11月市级抽查) with the enterprises still to inspect
  user create --username NAME --role ROLE [--unit CODE]   password read from standard input
  audit verify [--against COUNT:HASH]                checks the audit trail: chain, key, signed checkpoints
  audit checkpoint                                   signs and prints the trail's head, to keep elsewhere
  audit show RECORD_KEY                              the entries about one record (and the import that brought it in)
  export dispatch --month YYYY-MM --out FILE.xlsx    调度表 workbook in the attachment's layout
  export briefing --month YYYY-MM --out FILE.docx [--date YYYY-MM-DD]   monthly briefing (通报)
  export csv --what hazards|dispatch|scores --month YYYY-MM --out FILE.csv
  export parquet --month YYYY-MM --out DIR          figures for analysts: DIR/figures-YYYY-MM.parquet (dispatch figures and scores)
  reconcile --unit CODE --month YYYY-MM FILE.xlsx [--out FILE]   checks a hand-filled 调度表 against the ledger
  backup --out PATH [--force]                        backs up the database (PostgreSQL: pg_dump -Fc; embedded: archive)
  restore --from PATH                                replaces the database with a backup, all or nothing

Without --out, dispatch, scores, trace and coverage print a readable table. The database is DATABASE_URL when set,
else the embedded folder DATA_DIR (default ./data).`;

function parse(cmd: Command, argv: string[]) {
  try {
    return parseArgs({ args: argv, options: cmd.options as ParseArgsConfig['options'], allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

async function main(argv: string[]): Promise<number> {
  // a command's stdout is its answer (scripts read it); its security events (restore, a broken audit
  // trail) go to stderr
  setSecurityLogStream(process.stderr);
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') {
    process.stdout.write(USAGE + '\n');
    return name ? EXIT.done : EXIT.usage;
  }
  // two-word commands: `user create`, `audit verify`
  const key = COMMANDS[name] ? name : `${name} ${rest[0] ?? ''}`;
  const cmd = COMMANDS[key];
  if (!cmd) throw new UsageError(`unknown command "${name}"`);
  const args = parse(cmd, key === name ? rest : rest.slice(1));
  return cmd.run(args.values as Record<string, string | boolean | undefined>, args.positionals, readEnv());
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`error: ${e.message}\n\n${USAGE}\n`);
      process.exit(EXIT.usage);
    }
    if (e instanceof EnvError) {
      process.stderr.write(`configuration error: ${e.message}\n`);
      process.exit(EXIT.usage);
    }
    if (e instanceof DataDirInUseError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(EXIT.dataDirInUse);
    }
    if (e instanceof BundleRefusedError) {
      for (const p of e.problems) process.stderr.write(formatProblem(p) + '\n');
      process.stderr.write(`bundle refused: ${e.problems.length} problem(s); nothing was written\n`);
      process.exit(EXIT.refused);
    }
    if (e instanceof ZipRefusedError) {
      process.stderr.write(`refused: ${e.message}\n${e.messageZh}\n`);
      process.exit(EXIT.refused);
    }
    if (e instanceof RefusedError) {
      process.stderr.write(`refused: ${e.message}\n`);
      process.exit(EXIT.refused);
    }
    process.stderr.write(`failed: ${(e as Error)?.stack ?? e}\n`);
    process.exit(EXIT.refused);
  },
);

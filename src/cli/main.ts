#!/usr/bin/env node
/**
 * The `instacart` command line. Each command lives in `commands/<name>.ts` and exports a yargs module;
 * this file only wires them together and turns failures into exit codes:
 * 0 done, 1 the run failed (store unchanged), 2 bad usage or configuration.
 * A plain `instacart run ...` is read without loading yargs (see `quickRunArgs`); anything else, help
 * and every usage error included, goes through yargs.
 */
import { EtlError } from '../errors/index.js';
import { quickRunArgs, runHandler } from './commands/run.js';

const argv = process.argv.slice(2);
const verbose = argv.includes('--verbose');

function fail(error: unknown): never {
  if (error instanceof EtlError) {
    process.stderr.write(`instacart: ${error.message}\n`);
    if (verbose && error.cause !== undefined) process.stderr.write(`${String((error.cause as Error)?.stack ?? error.cause)}\n`);
    if (verbose) process.stderr.write(`${error.stack}\n`);
    process.exit(error.exitCode);
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`instacart: unexpected error: ${message}${verbose ? '' : ' (run with --verbose for details)'}\n`);
  if (verbose && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
}

async function withYargs(): Promise<void> {
  const [{ default: yargs }, { generateCommand }, { runCommand }, { statusCommand }, { reportCommand }] = await Promise.all([
    import('yargs'),
    import('./commands/generate.js'),
    import('./commands/run.js'),
    import('./commands/status.js'),
    import('./commands/report.js'),
  ]);
  await yargs(argv)
    .scriptName('instacart')
    .usage('$0 <command> [options]\n\nInstacart basket analysis: ingest, aggregate, export.')
    .command(generateCommand)
    .command(runCommand)
    .command(statusCommand)
    .command(reportCommand)
    .option('verbose', { type: 'boolean', default: false, describe: 'Print details (stack traces) on errors' })
    .demandCommand(1, 'Name a command: generate, run, status or report (see --help).')
    .strict()
    .recommendCommands()
    .help()
    .alias('help', 'h')
    .version()
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .fail((message, error, y) => {
      if (error) fail(error);
      process.stderr.write(`instacart: ${message}\n\n`);
      y.showHelp((help: string) => process.stderr.write(`${help}\n`));
      process.exit(2);
    })
    .parseAsync();
}

try {
  const quick = quickRunArgs(argv);
  if (quick !== undefined) await runHandler(quick);
  else await withYargs();
} catch (error) {
  fail(error);
}

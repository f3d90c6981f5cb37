import 'reflect-metadata';
import { Command, Option } from 'commander';
import { describeProblem, EventValidationError } from '../../events';
import { DomainRuleError } from '../commands/record-events.decider';
import { appendCommand } from './commands/append.command';
import { eventsCommand } from './commands/events.command';
import { serveCommand } from './commands/serve.command';

const collectType = (value: string, previous: string[] = []): string[] => [...previous, value];

const storeOptions = (command: Command): Command =>
  command
    .option('--db <path>', 'embedded store file (default ./data/parley.db, or PARLEY_DB)')
    .option('--store <location>', 'store location: a file path or esdb://host:2113?tls=false (or PARLEY_STORE)');

const filterOptions = (command: Command): Command =>
  command
    .option('--negotiation <slug>', 'only this negotiation')
    .option('--issue <slug>', 'only this issue')
    .option('--party <party>', 'only this party')
    .addOption(new Option('--type <type>', 'only this event type (repeatable)').argParser(collectType));

export const buildProgram = (): Command => {
  const program = new Command('parley').description('Parley: negotiations as immutable, sourced events').showHelpAfterError();

  storeOptions(program.command('append').argument('[files...]', 'JSON array, object or NDJSON files; "-" or none for stdin'))
    .description('validate and record events (all-or-nothing)')
    .option('--expected-revision <n>', 'fail unless the negotiation stream is at this revision')
    .action(appendCommand);

  filterOptions(storeOptions(program.command('events')))
    .description('list stored events in recorded order')
    .option('--from-position <n>', 'only events after this position')
    .option('--limit <n>', 'at most this many events')
    .option('--json', 'NDJSON output')
    .action(eventsCommand);

  storeOptions(program.command('serve'))
    .description('serve the HTTP API (and load the bundled history into the store)')
    .option('--port <port>', 'port (default 3000, or PORT)')
    .option('--host <host>', 'interface to bind (default 127.0.0.1, or HOST)')
    .option('--no-history', 'do not load the bundled history')
    .action(serveCommand);

  return program;
};

const report = (error: unknown): string => {
  if (error instanceof EventValidationError || error instanceof DomainRuleError) {
    return `rejected, nothing was written:\n${error.problems.map((p) => `  ${describeProblem(p)}`).join('\n')}`;
  }
  return error instanceof Error ? error.message : String(error);
};

export const runCli = async (argv: string[]): Promise<void> => {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    process.stderr.write(`parley: ${report(error)}\n`);
    process.exitCode = 1;
  }
};

if (require.main === module) void runCli(process.argv);

import 'reflect-metadata';
import { Command, CommanderError, Option } from 'commander';
import { partialDateSchema } from '../../events';
import { flagValue, integerIn, portSchema, revisionSchema } from '../config/values';
import { asParleyError } from '../errors/invalid-input.error';
import { cli, CliContext, processContext, runInContext } from './cli-context';
import { positionSchema } from '../queries/query-params';
import { appendCommand } from './commands/append.command';
import { eventsCommand } from './commands/events.command';
import { diffCommand } from './commands/diff.command';
import { extractCommand } from './commands/extract.command';
import { negotiationCommand } from './commands/negotiation.command';
import { probesCommand } from './commands/probes.command';
import { replayCommand } from './commands/replay.command';
import { copyCommand } from './commands/copy.command';
import { deadlinesCommand } from './commands/deadlines.command';
import { exportCommand } from './commands/export.command';
import { importCommand } from './commands/import.command';
import { webhooksCommand } from './commands/webhooks.command';
import { serveCommand } from './commands/serve.command';
import { verifyCommand } from './commands/verify.command';
import { tailOptions } from './commands/tail.command';
import { stateCommand } from './commands/state.command';
import { tariffsCommand } from './commands/tariffs.command';
import { timelineCommand } from './commands/timeline.command';

const collectType = (value: string, previous: string[] = []): string[] => [...previous, value];

const storeOptions = (command: Command): Command =>
  command
    .option('--db <path>', 'embedded store file (default ./data/parley.db, or PARLEY_DB)')
    .option('--store <location>', 'store location: a file path, postgres://user:pw@host:5432/db or esdb://host:2113?tls=false (or PARLEY_STORE)');

const pointInTimeOptions = (command: Command): Command =>
  command
    .option('--as-of <date>', 'valid time: the day to answer for (YYYY-MM-DD; default today)')
    .option('--known-at <instant>', 'transaction time: what was recorded by then (ISO instant or day; default now)')
    .option('--min-confidence <level>', 'answer from events at least this confident: confirmed or reported (default: all)')
    .option('--json', 'print JSON (the API contract)');

const filterOptions = (command: Command): Command =>
  command
    .option('--negotiation <slug>', 'only this negotiation')
    .option('--issue <slug>', 'only this issue')
    .option('--party <party>', 'only this party')
    .addOption(new Option('--type <type>', 'only this event type (repeatable)').argParser(collectType));

export const buildProgram = (): Command => {
  // Set before any subcommand is added, so every subcommand inherits them: commander reports a bad
  // flag through the context's stderr and throws instead of calling process.exit().
  const program = new Command('parley')
    .description('Parley: negotiations as immutable, sourced events')
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ writeOut: (text) => cli().stdout.write(text), writeErr: (text) => cli().stderr.write(text) })
    .exitOverride();

  storeOptions(program.command('append').argument('[files...]', 'JSON array, object or NDJSON files; "-" or none for stdin'))
    .description('validate and record events (all-or-nothing)')
    .addOption(new Option('--expected-revision <n>', 'fail unless the negotiation stream is at this revision').argParser(flagValue(revisionSchema)))
    .action(appendCommand);

  filterOptions(storeOptions(program.command('events')))
    .description('list stored events in recorded order')
    .addOption(new Option('--from-position <n>', 'only events after this position').argParser(flagValue(positionSchema)))
    .addOption(new Option('--limit <n>', 'at most this many events').argParser(flagValue(integerIn(1))))
    .option('--json', 'NDJSON output')
    .action(eventsCommand);

  pointInTimeOptions(storeOptions(program.command('state').argument('<issue>', 'issue slug, e.g. auto-rules-of-origin')))
    .description('the state of an issue: positions, gaps, status')
    .option('--negotiation <slug>', 'needed when several negotiations have the issue')
    .option('--csv', 'print CSV (stable columns: README "CSV columns")')
    .action(stateCommand);

  filterOptions(storeOptions(program.command('timeline')))
    .description('events in valid-time order')
    .option('--from <date>', 'first day')
    .option('--to <date>', 'last day')
    .option('--known-at <instant>', 'what was recorded by then')
    .option('--min-confidence <level>', 'only events at least this confident: confirmed or reported')
    .option('--json', 'NDJSON output')
    .option('--csv', 'print CSV (stable columns: README "CSV columns")')
    .action(timelineCommand);

  storeOptions(program.command('replay').argument('<issue>', 'issue slug'))
    .description('each event of an issue in valid-time order with what it changed')
    .option('--negotiation <slug>', 'needed when several negotiations have the issue')
    .option('--from <date>', 'first day')
    .option('--to <date>', 'last day')
    .option('--known-at <instant>', 'what was recorded by then')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV (stable columns: README "CSV columns")')
    .action(replayCommand);

  storeOptions(program.command('diff').argument('<issue>', 'issue slug'))
    .description('what changed on an issue between two days')
    .option('--negotiation <slug>', 'needed when several negotiations have the issue')
    .requiredOption('--from <date>', 'first day')
    .requiredOption('--to <date>', 'second day')
    .option('--known-at <instant>', 'what was recorded by then')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV (stable columns: README "CSV columns")')
    .action(diffCommand);

  storeOptions(program.command('extract').argument('[file]', 'a news article as plain text; "-" or none for stdin'))
    .description('propose draft events from a news article (nothing is recorded without --accept)')
    .addOption(new Option('--published <date>', "the article's date (YYYY-MM-DD, YYYY-MM or YYYY); default: its dateline").argParser(flagValue(partialDateSchema)))
    .option('--negotiation <slug>', 'the negotiation the drafts belong to (default: matched from the text)')
    .option('--json', 'NDJSON of the drafts ready to record, for parley append')
    .option('--accept', 'record the drafts that need no review (all-or-nothing; re-running records nothing twice)')
    .action(extractCommand);

  pointInTimeOptions(storeOptions(program.command('tariffs')))
    .description('tariffs in force (and announced) as of a day')
    .option('--target <country>', 'only lines that apply to this country')
    .option('--csv', 'print CSV (stable columns: README "CSV columns")')
    .action(tariffsCommand);

  pointInTimeOptions(storeOptions(program.command('probes')))
    .description('probes open as of a day')
    .option('--csv', 'print CSV (stable columns: README "CSV columns")')
    .action(probesCommand);

  pointInTimeOptions(storeOptions(program.command('negotiation').argument('<negotiation>', 'negotiation slug')))
    .description('a negotiation as of a day: parties, rounds, deadlines, threats, probes, issues')
    .action(negotiationCommand);

  tailOptions(filterOptions(storeOptions(program.command('tail'))));

  storeOptions(program.command('verify'))
    .description('check the embedded store against its hash chain; reports the first rewritten, inserted or missing event')
    .option('--json', 'print JSON')
    .action(verifyCommand);

  storeOptions(program.command('serve'))
    .description('serve the HTTP API (and load the bundled history into the store)')
    .addOption(new Option('--port <port>', 'port, 0 for any free one (default 3000, or PORT)').argParser(flagValue(portSchema)))
    .option('--host <host>', 'interface to bind (default 127.0.0.1, or HOST)')
    .option('--no-history', 'do not load the bundled history')
    .action(serveCommand);

  program
    .command('copy')
    .description('copy every event of one store into another (SQLite file, postgres://, esdb://), keeping ids, order and recordedAt (resumable)')
    .requiredOption('--from <location>', 'source store: a file path (e.g. ./data/parley.db) or a connection string')
    .requiredOption('--to <location>', 'target store: a file path, postgres://user:pw@host/db or esdb://host:2113?tls=false')
    .addOption(new Option('--batch <n>', 'events per append (default 500; batches also stay under 512 KiB)').argParser(flagValue(integerIn(1, 10_000))))
    .option('--progress', 'show the progress bar even when stderr is not a terminal')
    .option('--no-progress', 'never show the progress bar')
    .action(copyCommand);

  pointInTimeOptions(storeOptions(program.command('deadlines')))
    .description('every deadline ahead across negotiations: days left, precision, the event that set or moved it')
    .option('--negotiation <slug>', 'only this negotiation')
    .action(deadlinesCommand);

  webhooksCommand(program, storeOptions);

  storeOptions(program.command('export'))
    .description('the whole log as NDJSON (or PLOVER records) with a manifest: count, positions, sha256, moment')
    .option('--out <file>', 'write the log here and the manifest to <file>.manifest.json (default: log on stdout, manifest on stderr)')
    .option('--format <format>', 'ndjson (every stored event, re-importable) or plover (PLOVER event records)', 'ndjson')
    .option('--known-at <instant>', 'only what was recorded by then (default now)')
    .action(exportCommand);

  storeOptions(program.command('import').argument('<file>', 'an NDJSON export (parley export --out FILE)'))
    .description('verify an export against its manifest, then record it keeping ids, order and recordedAt (all verified first)')
    .option('--manifest <file>', 'the manifest (default <file>.manifest.json)')
    .option('--progress', 'show the progress bar even when stderr is not a terminal')
    .option('--no-progress', 'never show the progress bar')
    .action(importCommand);

  return program;
};

const report = (error: unknown): string => asParleyError(error)?.explain() ?? (error instanceof Error ? error.message : String(error));

/** Runs one command line; resolves to its exit status (the bin sets the process's). */
export const runCli = (argv: string[], context: CliContext = processContext()): Promise<number> =>
  runInContext(context, async () => {
    try {
      await buildProgram().parseAsync(argv);
      return 0;
    } catch (error) {
      if (error instanceof CommanderError) return error.exitCode; // commander has already said what is wrong
      context.stderr.write(`parley: ${report(error)}\n`);
      return 1;
    }
  });

if (require.main === module) void runCli(process.argv).then((status) => (process.exitCode = status));

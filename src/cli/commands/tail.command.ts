import { Command, Option } from 'commander';
import { Subscription } from 'rxjs';
import { StoredEvent, storedEventToJson } from '../../../events';
import { PARLEY_CONFIG, ParleyConfig } from '../../config/parley-config';
import { flagValue } from '../../config/values';
import { positionSchema } from '../../queries/query-params';
import { EVENT_STORE, EventStore } from '../../store/event-store.port';
import { BoundedDelivery } from '../../subscriptions/bounded-delivery';
import { NamedCheckpoint } from '../../subscriptions/named-checkpoint';
import { pacedSubscription } from '../../subscriptions/paced-subscription';
import { resolveStart } from '../../subscriptions/start-position';
import { subscriptionNameSchema } from '../../subscriptions/stream-params';
import { StoreFlags, withApp } from '../boot';
import { cli } from '../cli-context';
import { eventFilterFrom, FilterFlags } from '../filter-flags';
import { formatEventLine } from '../format';

export interface TailFlags extends StoreFlags, FilterFlags {
  fromPosition?: bigint;
  name?: string;
  json?: boolean;
}

/**
 * `parley tail`: matching events as they are recorded (after replaying from --from-position, or
 * from a named subscription's checkpoint), until Ctrl-C or SIGTERM, which unsubscribe, store the
 * checkpoint and exit 0. Progress notes go to stderr; stdout carries only events.
 */
export const tailCommand = async (flags: TailFlags): Promise<void> => {
  const filter = eventFilterFrom(flags);
  const { fromPosition, name } = flags;
  await withApp(flags, async (app) => {
    const limits = app.get<ParleyConfig>(PARLEY_CONFIG).subscriptions;
    const store = app.get<EventStore>(EVENT_STORE);
    const named = name ? await NamedCheckpoint.open(store, name, limits.checkpointEveryMs) : undefined;
    const { after, from } = await resolveStart(store, { checkpoint: named?.position, fromPosition });
    if (named && named.position === undefined) await store.storeCheckpoint(name!, after);
    const { stdout, stderr } = cli();
    const note = (text: string): boolean => stderr.write(`parley tail: ${text}\n`);
    note(from === 'checkpoint' ? `resuming "${name}" after position ${after}` : `following after position ${after}`);

    const format = (event: StoredEvent): string =>
      `${flags.json ? JSON.stringify(storedEventToJson(event)) : formatEventLine(event)}\n`;
    let failure: unknown;
    await new Promise<void>((resolve) => {
      const delivery = new BoundedDelivery(stdout, limits, after, {
        onDelivered: (position) => named?.checkpoint.advance(position),
        onOverflow: ({ reason, resumeFrom }) => {
          failure = new Error(`${reason}; resume with --from-position ${resumeFrom}`);
          stop();
        },
      });
      // Not const: stop() may run inside subscribe() (an immediate error) and must see it undefined, not in its TDZ.
      let subscription: Subscription | undefined;
      // eslint-disable-next-line prefer-const -- see above
      subscription = pacedSubscription(store, { after, filter }, () => delivery.whenIdle()).subscribe({
        next: (message) =>
          message.kind === 'event' ? delivery.push(format(message.event), message.event.position) : note(`caught up at position ${message.position}; waiting for new events (Ctrl-C to stop)`),
        error: (error: unknown) => {
          failure = error;
          stop();
        },
        complete: () => stop(),
      });
      const onOutputError = (): void => stop(); // e.g. EPIPE: the reader went away
      function stop(): void {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        stdout.off('error', onOutputError);
        subscription?.unsubscribe();
        delivery.stop();
        resolve();
      }
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      stdout.on('error', onOutputError);
    });
    await named?.checkpoint.close();
    if (named) note(`checkpoint "${name}" at position ${named.checkpoint.lastStored ?? after}`);
    if (failure) throw failure;
  });
};

/** The command's own options (store and filter options are added by the program). */
export const tailOptions = (command: Command): Command =>
  command
    .description('print matching events as they are recorded (Ctrl-C to stop)')
    .addOption(new Option('--from-position <n>', 'first replay the events after this position (0: everything)').argParser(flagValue(positionSchema)))
    .addOption(new Option('--name <name>', 'a named subscription: resume from its checkpoint in the store, and keep it').argParser(flagValue(subscriptionNameSchema)))
    .option('--json', 'NDJSON output')
    .action(tailCommand);

import { CommandBus } from '@nestjs/cqrs';
import { basename } from 'node:path';
import { isoDay } from '../../../events';
import { RecordEvents } from '../../commands/record-events.command';
import { extractDrafts } from '../../extract/extract-drafts';
import { formatExtraction } from '../../extract/format-drafts';
import { splitReady } from '../../extract/review-state';
import { StoreFlags, withApp } from '../boot';
import { cli } from '../cli-context';
import { readInputs } from '../read-input';

export interface ExtractFlags extends StoreFlags {
  published?: string;
  negotiation?: string;
  json?: boolean;
  accept?: boolean;
}

/**
 * `parley extract FILE|-`: proposes draft events from a news article. Prints a readable list, or
 * NDJSON ready for `parley append` (--json); --accept records the drafts that need no review
 * through the command bus, in one all-or-nothing batch. Ids come from the text, so running it
 * again records nothing twice.
 */
export const extractCommand = async (file: string | undefined, flags: ExtractFlags): Promise<void> => {
  const [input] = await readInputs(file === undefined ? [] : [file]);
  if (input.text.trim() === '') throw new Error(`${input.name}: no text to extract from`);
  const extraction = extractDrafts(input.text, {
    published: flags.published,
    negotiation: flags.negotiation,
    document: input.name === 'stdin' ? undefined : basename(input.name),
    today: isoDay(cli().clock.now()),
  });
  const { ready, held } = splitReady(extraction.drafts);
  for (const s of extraction.skipped) cli().stderr.write(`parley extract: no draft for a ${s.type} at ${s.span.start}–${s.span.end}: ${s.reason}\n`);
  if (flags.json && !flags.accept) {
    cli().stdout.write(ready.map((d) => `${JSON.stringify(d.event)}\n`).join(''));
  } else if (!flags.accept) {
    cli().stdout.write(formatExtraction(input.text, extraction));
  }
  if (held.length > 0 && (flags.json || flags.accept)) {
    cli().stderr.write(`parley extract: ${held.length} draft(s) left out until reviewed: ${held.map((d) => `${d.event.type} ${d.id} (${d.needsReview.join(', ')})`).join('; ')}\n`);
  }
  if (!flags.accept) return;
  const result = await withApp(flags, (app) => app.get(CommandBus).execute(new RecordEvents(ready.map((d) => d.event))));
  cli().stdout.write(`${JSON.stringify({ drafts: extraction.drafts.length, recorded: result.appended, alreadyRecorded: result.duplicates, heldForReview: held.length })}\n`);
};

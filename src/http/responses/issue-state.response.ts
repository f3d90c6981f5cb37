import { z } from 'zod';
import { confidenceSchema, scheduleStepSchema, termSchema } from '../../../events';
import type { IssueAnswer, IssueState } from '../../../projections';
import { Matches } from './matches-type';
import { dayWindowSchema, eventTypeSchema, provenanceShape } from './provenance.schema';

const answeredTermSchema = z.object({
  value: z.number().optional(),
  unit: z.string().optional(),
  text: z.string().optional(),
  since: z.string(),
  eventType: z.string(),
  ...provenanceShape,
  metric: z.string(),
  scope: z.string().optional(),
  note: z.string().optional(),
  window: dayWindowSchema,
});

const agreedAnswerSchema = answeredTermSchema.extend({
  schedule: z.array(scheduleStepSchema).optional(),
  inForce: z.object({ value: z.number(), from: z.string() }).nullable().optional(),
});

const possibleTermSchema = z.object({
  eventId: z.string(),
  eventType: eventTypeSchema,
  party: z.string().nullable(),
  metric: z.string().nullable(),
  term: termSchema.nullable(),
  window: dayWindowSchema,
  confidence: confidenceSchema,
  summary: z.string(),
});

const gapSchema = z.object({ unit: z.string(), min: z.number(), max: z.number(), spread: z.number(), low: z.array(z.string()), high: z.array(z.string()) });
const foldTermSchema = z.object({ value: z.number().optional(), unit: z.string().optional(), text: z.string().optional(), since: z.string(), eventId: z.string(), eventType: z.string() });

/** What the fold and the answer share: the issue, the moment, the status, the gaps and counts. */
const issueShape = {
  negotiation: z.string(),
  issue: z.string(),
  asOf: z.string(),
  knownAt: z.string(),
  status: z.enum(['not_raised', 'open', 'agreed']),
  gaps: z.record(z.string(), gapSchema),
  eventCount: z.number().int(),
  lastEventAt: z.string().nullable(),
};

/** The bare fold (each replay step's state): positions and agreed terms without provenance. */
export const issueStateSchema = z
  .strictObject({
    ...issueShape,
    positions: z.record(z.string(), z.record(z.string(), foldTermSchema)),
    agreed: z.record(z.string(), foldTermSchema).nullable(),
  })
  .meta({ id: 'IssueFold' });

const _issueStateMatches: Matches<z.output<typeof issueStateSchema>, IssueState> = true;

/** GET /negotiations/:n/issues/:i (and each message of the issue-state stream): IssueState as answered. */
export const issueAnswerSchema = z
  .strictObject({
    ...issueShape,
    positions: z.record(z.string(), z.record(z.string(), answeredTermSchema)),
    agreed: z.record(z.string(), agreedAnswerSchema).nullable(),
    possible: z.array(possibleTermSchema),
    minConfidence: confidenceSchema.nullable(),
  })
  .meta({ id: 'IssueState' });

const _issueAnswerMatches: Matches<z.output<typeof issueAnswerSchema>, IssueAnswer> = true;

import { z } from 'zod';
import { eventSchemas } from '../../events';
import { extractRequestSchema } from '../extract/extract-request';
import { extractionResponseSchema } from '../extract/extraction-response';

type JsonSchema = Record<string, unknown>;
const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const fromZod = (schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema => {
  const { $schema: _drop, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return json;
};

const errorSchema: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
    },
  },
};

const param = (name: string, description: string, where: 'query' | 'path' = 'query', schema: JsonSchema = { type: 'string' }) => ({
  name, in: where, required: where === 'path', description, schema,
});
const asOf = param('asOf', 'valid time: the day to answer for (YYYY-MM-DD; YYYY-MM or YYYY mean the last day). Default: today');
const minConfidence = param('minConfidence', 'answer from events at least this confident: confirmed, reported (default: every event)', 'query', { type: 'string', enum: ['confirmed', 'reported', 'unconfirmed'] });
const knownAt = param('knownAt', 'transaction time: answer with what was recorded by this instant (ISO 8601) or day. Default: now');
const filters = [
  param('negotiation', 'negotiation slug'), param('issue', 'issue slug'), param('party', 'ISO country code or actor slug'),
  param('type', 'event type (repeatable, or comma-separated)'),
];
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), { description: 'error', content: { 'application/json': { schema: ref('Error') } } }]));
const ok = (description: string, schema: JsonSchema = { type: 'object' }, status = '200') => ({
  [status]: { description, content: { 'application/json': { schema } } },
});
const sse = (description: string) => ({ '200': { description, content: { 'text/event-stream': { schema: { type: 'string' } } } } });

/**
 * The OpenAPI document. Event schemas come from the zod catalog that validates requests, so the
 * documentation cannot drift from what the API accepts.
 */
export const buildOpenApiDocument = (version: string) => {
  const eventComponents = Object.fromEntries(eventSchemas.map((schema) => [schema.shape.type.value, fromZod(schema)]));
  const anyEvent = { oneOf: Object.keys(eventComponents).map(ref), discriminator: { propertyName: 'type' } };
  return {
    openapi: '3.1.0',
    info: { title: 'Parley API', version, description: 'Negotiations as immutable, sourced events: point-in-time and bitemporal answers, replay, live streams.' },
    paths: {
      '/events': {
        post: {
          summary: 'Record one event, an array, or { events, expectedRevision } (all-or-nothing)',
          security: [{ bearer: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: { oneOf: [ref('Event'), { type: 'array', items: ref('Event') }, ref('EventBatch')] } } } },
          responses: { ...ok('recorded', ref('AppendSummary'), '201'), ...errors(400, 401, 409, 413) },
        },
        get: {
          summary: 'Stored events in recorded order, paginated (pass `next` as fromPosition)',
          parameters: [...filters, param('fromPosition', 'exclusive position cursor'), param('limit', '1-1000, default 100')],
          responses: { ...ok('a page of events'), ...errors(400) },
        },
      },
      '/events/{id}': { get: { summary: 'One stored event', parameters: [param('id', 'event id', 'path')], responses: { ...ok('the event'), ...errors(404) } } },
      '/timeline': {
        get: {
          summary: 'Events in valid-time order',
          parameters: [...filters, param('from', 'first day'), param('to', 'last day'), knownAt, minConfidence],
          responses: { ...ok('timeline entries'), ...errors(400, 404) },
        },
      },
      '/negotiations': { get: { summary: 'Every negotiation with title, parties and issues', responses: ok('negotiations') } },
      '/negotiations/{negotiation}': {
        get: { summary: 'Negotiation overview as of a day', parameters: [param('negotiation', 'slug', 'path'), asOf, knownAt, minConfidence], responses: { ...ok('overview'), ...errors(400, 404) } },
      },
      '/negotiations/{negotiation}/issues/{issue}': {
        get: {
          summary: 'IssueState: positions, gaps and status as of a day, as known at an instant',
          parameters: [param('negotiation', 'slug', 'path'), param('issue', 'slug', 'path'), asOf, knownAt, minConfidence],
          responses: { ...ok('issue state', ref('IssueState')), ...errors(400, 404) },
        },
      },
      '/negotiations/{negotiation}/issues/{issue}/replay': {
        get: { summary: 'The issue event by event with the state after each', parameters: [param('negotiation', 'slug', 'path'), param('issue', 'slug', 'path'), param('from', 'first day'), param('to', 'last day'), knownAt], responses: { ...ok('steps'), ...errors(400, 404) } },
      },
      '/negotiations/{negotiation}/issues/{issue}/diff': {
        get: { summary: 'What changed between two days', parameters: [param('negotiation', 'slug', 'path'), param('issue', 'slug', 'path'), { ...param('from', 'day'), required: true }, { ...param('to', 'day'), required: true }, knownAt], responses: { ...ok('diff'), ...errors(400, 404) } },
      },
      '/tariffs': { get: { summary: 'Tariffs in force and announced', parameters: [asOf, knownAt, minConfidence, param('target', 'country code')], responses: { ...ok('tariffs'), ...errors(400) } } },
      '/probes': { get: { summary: 'Open probes', parameters: [asOf, knownAt, minConfidence, param('negotiation', 'slug')], responses: { ...ok('probes'), ...errors(400, 404) } } },
      '/subscriptions/events': {
        get: { summary: 'Live stream of stored events (SSE); resumable with Last-Event-ID', parameters: [...filters, param('fromPosition', 'replay after this position first'), param('name', 'durable, checkpointed subscription name')], responses: sse('event stream') },
      },
      '/subscriptions/negotiations/{negotiation}/issues/{issue}/state': {
        get: { summary: 'Live stream of IssueState (SSE)', parameters: [param('negotiation', 'slug', 'path'), param('issue', 'slug', 'path'), asOf], responses: sse('state stream') },
      },
      '/extract': {
        post: {
          summary: 'Draft events from a news article (nothing is recorded; accepted drafts go to POST /events)',
          requestBody: { required: true, content: { 'application/json': { schema: ref('ExtractRequest') } } },
          responses: { ...ok('drafts with spans, rules and fields left to review', ref('Extraction')), ...errors(400, 413) },
        },
      },
      '/health': { get: { summary: 'Liveness, store kind and lag', responses: ok('healthy') } },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'required for writes when PARLEY_API_TOKEN is set' } },
      schemas: {
        ...eventComponents,
        Event: anyEvent,
        EventBatch: { type: 'object', required: ['events'], properties: { events: { type: 'array', items: ref('Event') }, expectedRevision: { type: 'integer', minimum: 0 } } },
        AppendSummary: {
          type: 'object',
          properties: { appended: { type: 'integer' }, duplicates: { type: 'integer' }, firstPosition: { type: ['integer', 'null'] }, lastPosition: { type: ['integer', 'null'] } },
        },
        IssueState: fromZod(issueStateSchema, 'output'),
        ExtractRequest: fromZod(extractRequestSchema),
        Extraction: fromZod(extractionResponseSchema, 'output'),
        Error: errorSchema,
      },
    },
  };
};

const windowSchema = z.object({ from: z.string(), to: z.string() });

/** Provenance and wording, present on every term of a GET …/issues/:issue answer (replay steps carry the bare fold). */
const answeredTermFields = {
  metric: z.string().optional(),
  scope: z.string().optional(),
  note: z.string().optional(),
  confidence: z.enum(['confirmed', 'reported', 'unconfirmed']).optional(),
  source: z.object({
    publisher: z.string().nullable(), title: z.string().nullable(), url: z.string().nullable(),
    document: z.string().nullable(), quote: z.string().nullable(), publishedAt: z.string().nullable(),
  }).optional(),
  window: windowSchema.optional(),
};

const positionTermSchema = z.object({
  value: z.number().optional(), unit: z.string().optional(), text: z.string().optional(),
  since: z.string(), eventId: z.string(), eventType: z.string(),
  ...answeredTermFields,
});

const agreedTermSchema = positionTermSchema.extend({
  schedule: z.array(z.object({ from: z.string(), value: z.number() })).optional(),
  inForce: z.object({ value: z.number(), from: z.string() }).nullable().optional(),
});

const possibleTermSchema = z.object({
  eventId: z.string(), eventType: z.string(), party: z.string().nullable(), metric: z.string().nullable(),
  term: z.record(z.string(), z.unknown()).nullable(), window: windowSchema, confidence: z.enum(['confirmed', 'reported', 'unconfirmed']), summary: z.string(),
});

/** The IssueState contract, also used by tests to check real responses against the documentation. */
export const issueStateSchema = z.strictObject({
  negotiation: z.string(),
  issue: z.string(),
  asOf: z.string(),
  knownAt: z.string(),
  status: z.enum(['not_raised', 'open', 'agreed']),
  positions: z.record(z.string(), z.record(z.string(), positionTermSchema)),
  gaps: z.record(z.string(), z.object({ unit: z.string(), min: z.number(), max: z.number(), spread: z.number(), low: z.array(z.string()), high: z.array(z.string()) })),
  agreed: z.record(z.string(), agreedTermSchema).nullable(),
  eventCount: z.number().int(),
  lastEventAt: z.string().nullable(),
  /** Answers only: events whose window contains asOf but has not ended. */
  possible: z.array(possibleTermSchema).optional(),
  /** Answers only: the confidence floor asked for (null: none). */
  minConfidence: z.enum(['confirmed', 'reported', 'unconfirmed']).nullable().optional(),
});

import { z } from 'zod';
import { createDocument, ZodOpenApiOperationObject, ZodOpenApiPathsObject } from 'zod-openapi';
import { eventIdSchema, slugSchema } from '../../events';
import { eventStreamParams, issueStateStreamParams } from '../subscriptions/stream-params';
import { webhookInputSchema } from '../webhooks/webhook-registration';
import { deadLettersQuery, webhooksQuery } from '../webhooks/webhook-pages';
import { replayBody } from '../webhooks/webhooks.controller';
import { extractRequestSchema } from '../extract/extract-request';
import { extractionResponseSchema } from '../extract/extraction-response';
import { pointInTimeParams } from '../queries/query-params';
import { deadlinesQuery } from './controllers/deadlines.controller';
import { batchEnvelope, listQuery } from './controllers/events.controller';
import { probesQuery, tariffsQuery, timelineQuery } from './controllers/measures.controller';
import { diffQuery, negotiationsQuery, replayQuery } from './controllers/negotiations.controller';
import { appendSummarySchema, eventsPageSchema, eventVariantComponents, newEventSchema, storedEventSchema, timelineAnswerSchema } from './responses/events.response';
import { issueAnswerSchema } from './responses/issue-state.response';
import { deadLetterListSchema, negotiationListSchema, replayAnswerSchema, webhookListSchema } from './responses/lists.response';
import { probesAnswerSchema, tariffsAnswerSchema } from './responses/measures.response';

/**
 * The OpenAPI document, generated (zod-openapi) from the zod shapes the controllers parse their
 * query strings and bodies with and from the response schemas in ./responses, which tsc holds equal
 * to the projections' types. A route is added here with the shapes its controller uses.
 */

const errorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }) })
  .meta({ id: 'Error', description: 'Every failure: a stable code, a message naming what is wrong, machine-readable details.' });

/** Answers not yet described field by field: documented as JSON objects. */
const undescribed = (description: string) => z.looseObject({}).meta({ description });

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((status) => [String(status), json(errorSchema, 'error')]));
const sse = (description: string) => ({ '200': { description, content: { 'text/event-stream': { schema: z.string() } } } });

const negotiationPath = z.object({ negotiation: slugSchema });
const issuePath = z.object({ negotiation: slugSchema, issue: slugSchema });

const csvFormat = { format: z.enum(['csv', 'json']).optional().meta({ description: 'csv: the answer as CSV (also with Accept: text/csv); columns in README "CSV columns"' }) };

/** An answer also served as CSV: the `format` parameter beside the route's own, and a text/csv body beside the JSON. */
const withCsv = (query: z.ZodRawShape) => z.object({ ...query, ...csvFormat });
const jsonOrCsv = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema }, 'text/csv': { schema: z.string() } } });

const get = (summary: string, operation: Omit<ZodOpenApiOperationObject, 'summary'>): { get: ZodOpenApiOperationObject } => ({ get: { summary, ...operation } });

const paths: ZodOpenApiPathsObject = {
  '/events': {
    post: {
      summary: 'Record one event, an array, or { events, expectedRevision } (all-or-nothing)',
      security: [{ bearer: [] }],
      requestBody: { required: true, content: { 'application/json': { schema: z.union([newEventSchema, z.array(newEventSchema), batchEnvelope.extend({ events: z.array(newEventSchema) })]) } } },
      responses: { '201': json(appendSummarySchema, 'recorded'), ...errors(400, 401, 409, 413) },
    },
    ...get('Stored events in recorded order, paginated (pass `next` as fromPosition)', {
      requestParams: { query: z.object(listQuery) },
      responses: { '200': json(eventsPageSchema, 'a page of events'), ...errors(400) },
    }),
  },
  '/events/{id}': get('One stored event', { requestParams: { path: z.object({ id: eventIdSchema }) }, responses: { '200': json(storedEventSchema, 'the event'), ...errors(404) } }),
  '/timeline': get('Events in valid-time order, with which of them were corrected or retracted by knownAt (or later)', {
    requestParams: { query: withCsv(timelineQuery) },
    responses: { '200': jsonOrCsv(timelineAnswerSchema, 'timeline entries and knowledge notes'), ...errors(400, 404) },
  }),
  '/negotiations': get('Every negotiation with title, parties and issues, by name; with limit, a page (pass `next` as cursor)', {
    requestParams: { query: z.object(negotiationsQuery) },
    responses: { '200': json(negotiationListSchema, 'negotiations'), ...errors(400) },
  }),
  '/negotiations/{negotiation}': get('Negotiation overview as of a day', {
    requestParams: { path: negotiationPath, query: z.object(pointInTimeParams) },
    responses: { '200': json(undescribed('the overview'), 'overview'), ...errors(400, 404) },
  }),
  '/negotiations/{negotiation}/issues/{issue}': get('IssueState: positions, gaps and status as of a day, as known at an instant', {
    requestParams: { path: issuePath, query: withCsv(pointInTimeParams) },
    responses: { '200': jsonOrCsv(issueAnswerSchema, 'issue state'), ...errors(400, 404) },
  }),
  '/negotiations/{negotiation}/issues/{issue}/replay': get('The issue event by event with the state after each; with limit, a page (pass `next` as cursor; CSV: the Link header)', {
    requestParams: { path: issuePath, query: withCsv(replayQuery) },
    responses: { '200': jsonOrCsv(replayAnswerSchema, 'steps'), ...errors(400, 404) },
  }),
  '/negotiations/{negotiation}/issues/{issue}/diff': get('What changed between two days', {
    requestParams: { path: issuePath, query: withCsv(diffQuery) },
    responses: { '200': jsonOrCsv(undescribed('{ negotiation, issue, from, to, knownAt, changes }'), 'diff'), ...errors(400, 404) },
  }),
  '/tariffs': get('Tariffs in force and announced', { requestParams: { query: withCsv(tariffsQuery) }, responses: { '200': jsonOrCsv(tariffsAnswerSchema, 'tariffs'), ...errors(400) } }),
  '/probes': get('Open probes', { requestParams: { query: withCsv(probesQuery) }, responses: { '200': jsonOrCsv(probesAnswerSchema, 'probes'), ...errors(400, 404) } }),
  '/deadlines': get('Deadlines ahead on a day, soonest first', {
    requestParams: { query: z.object(deadlinesQuery) },
    responses: { '200': json(undescribed('{ asOf, knownAt, deadlines }'), 'deadlines'), ...errors(400, 404) },
  }),
  '/subscriptions/events': get('Live stream of stored events (SSE); resumable with Last-Event-ID', { requestParams: { query: z.object(eventStreamParams) }, responses: sse('event stream') }),
  '/subscriptions/negotiations/{negotiation}/issues/{issue}/state': get('Live stream of IssueState (SSE)', {
    requestParams: { path: issuePath, query: z.object(issueStateStreamParams) },
    responses: sse('state stream'),
  }),
  '/webhooks': {
    post: {
      summary: 'Register a webhook',
      security: [{ bearer: [] }],
      requestBody: { required: true, content: { 'application/json': { schema: webhookInputSchema } } },
      responses: { '201': json(undescribed('the webhook (without its secret)'), 'registered'), ...errors(400, 401) },
    },
    ...get('Registered webhooks, oldest first; with limit, a page (pass `next` as cursor)', {
      security: [{ bearer: [] }],
      requestParams: { query: z.object(webhooksQuery) },
      responses: { '200': json(webhookListSchema, 'webhooks'), ...errors(400, 401) },
    }),
  },
  '/webhooks/{id}': {
    ...get('One webhook', { security: [{ bearer: [] }], requestParams: { path: z.object({ id: z.string() }) }, responses: { '200': json(undescribed('the webhook'), 'webhook'), ...errors(401, 404) } }),
    delete: { summary: 'Remove a webhook', security: [{ bearer: [] }], requestParams: { path: z.object({ id: z.string() }) }, responses: { '204': { description: 'removed' }, ...errors(401, 404) } },
  },
  '/webhooks/{id}/dead-letters': get('Deliveries given up on, by position; with limit, a page (pass `next` as cursor)', {
    security: [{ bearer: [] }],
    requestParams: { path: z.object({ id: z.string() }), query: z.object(deadLettersQuery) },
    responses: { '200': json(deadLetterListSchema, 'dead letters'), ...errors(400, 401, 404) },
  }),
  '/webhooks/{id}/replay': {
    post: {
      summary: 'Deliver again from a position',
      security: [{ bearer: [] }],
      requestParams: { path: z.object({ id: z.string() }) },
      requestBody: { required: true, content: { 'application/json': { schema: replayBody } } },
      responses: { '200': json(undescribed('the webhook, its cursor moved'), 'replaying'), ...errors(400, 401, 404) },
    },
  },
  '/extract': {
    post: {
      summary: 'Draft events from a news article (nothing is recorded; accepted drafts go to POST /events)',
      requestBody: { required: true, content: { 'application/json': { schema: extractRequestSchema.meta({ id: 'ExtractRequest' }) } } },
      responses: { '200': json(extractionResponseSchema.meta({ id: 'Extraction' }), 'drafts with spans, rules and fields left to review'), ...errors(400, 413) },
    },
  },
  '/health': get('Liveness, store kind and lag', { responses: { '200': json(undescribed('{ status, store, projections }'), 'healthy'), '503': json(undescribed('{ status: "unavailable", store }'), 'the store is unreachable') } }),
};

export const buildOpenApiDocument = (version: string) =>
  createDocument({
    openapi: '3.1.0',
    info: { title: 'Parley API', version, description: 'Negotiations as immutable, sourced events: point-in-time and bitemporal answers, replay, live streams.' },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'required for writes when PARLEY_API_TOKEN is set' } },
      schemas: { Error: errorSchema, ...eventVariantComponents },
    },
  });

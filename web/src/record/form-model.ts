/**
 * The recording forms are generated from the catalog's own zod schemas (events/), and what is typed
 * is checked with the same validation the server runs, so an error shows beside its field before
 * anything is sent. Field kinds are read from each schema's definition.
 */
import { eventSchemas } from '../../../events/catalog';
import { validateEvent } from '../../../events/validation';

export type FieldKind = 'text' | 'longtext' | 'date' | 'list' | 'terms' | 'rate' | 'enum';

export interface FieldSpec {
  /** Path in the event: "data.measure", "source.quote", "occurredAt". */
  path: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  options?: string[];
}

export interface TermRow {
  metric: string;
  value: string;
  unit: string;
  text: string;
  note: string;
  scope: string;
}

export interface FormValues {
  type: string;
  fields: Record<string, string>;
  terms: TermRow[];
  rate: { value: string; unit: string };
}

type Def = { type: string; innerType?: Schema; element?: Schema; shape?: Record<string, Schema>; entries?: Record<string, string>; options?: Schema[] };
type Schema = { _zod: { def: Def } };

const DATE_FIELDS = new Set(['occurredAt', 'publishedAt', 'deadline', 'effectiveOn', 'until', 'startedOn', 'endedOn']);
const LONG_FIELDS = new Set(['quote', 'threat', 'what', 'finding', 'conditions', 'reason']);

const unwrap = (schema: Schema): { schema: Schema; optional: boolean } => {
  let current = schema;
  let optional = false;
  while (current._zod.def.type === 'optional' || current._zod.def.type === 'default') {
    optional = true;
    current = current._zod.def.innerType as Schema;
  }
  return { schema: current, optional };
};

const words = (key: string): string => {
  const text = key.replace(/([A-Z])/g, ' $1').toLowerCase();
  return text[0].toUpperCase() + text.slice(1);
};

const kindOf = (key: string, schema: Schema): Pick<FieldSpec, 'kind' | 'options'> => {
  const def = schema._zod.def;
  if (key === 'terms') return { kind: 'terms' };
  if (key === 'rate') return { kind: 'rate' };
  if (def.type === 'enum') return { kind: 'enum', options: Object.values(def.entries ?? {}) };
  if (def.type === 'array') return { kind: 'list' };
  if (DATE_FIELDS.has(key)) return { kind: 'date' };
  if (LONG_FIELDS.has(key)) return { kind: 'longtext' };
  return { kind: 'text' };
};

const schemaOf = (type: string): Schema | undefined =>
  (eventSchemas as unknown as Array<Schema & { shape: Record<string, Schema> & { type: { value: string } } }>).find((s) => s.shape.type.value === type);

/** Types a reader records from the page (corrections and retractions have their own forms). */
export const RECORDABLE_TYPES: string[] = (eventSchemas as unknown as Array<{ shape: { type: { value: string } } }>)
  .map((s) => s.shape.type.value)
  .filter((t) => t !== 'EventCorrected' && t !== 'EventRetracted');

/** The form's fields for one event type: the envelope, the source, then the type's own data. */
export const fieldsFor = (type: string): FieldSpec[] => {
  const schema = schemaOf(type) as (Schema & { shape: Record<string, Schema> }) | undefined;
  if (!schema) return [];
  const specs: FieldSpec[] = [];
  for (const key of ['issue', 'party', 'occurredAt', 'confidence'] as const) {
    const { schema: inner, optional } = unwrap(schema.shape[key]);
    specs.push({ path: key, label: words(key), required: !optional && key !== 'confidence', ...kindOf(key, inner) });
  }
  const source = unwrap(schema.shape.source).schema._zod.def.shape ?? {};
  for (const key of Object.keys(source)) {
    specs.push({ path: `source.${key}`, label: `Source ${words(key).toLowerCase()}`, required: false, ...kindOf(key, unwrap(source[key]).schema) });
  }
  const data = schema.shape.data._zod.def.shape ?? {};
  for (const [key, field] of Object.entries(data)) {
    const { schema: inner, optional } = unwrap(field);
    specs.push({ path: `data.${key}`, label: words(key), required: !optional, ...kindOf(key, inner) });
  }
  return specs;
};

const emptyTerm = (): TermRow => ({ metric: '', value: '', unit: '', text: '', note: '', scope: '' });

export const emptyValues = (type: string, defaults: Record<string, string> = {}): FormValues => ({
  type,
  fields: { confidence: 'reported', ...defaults },
  terms: [emptyTerm()],
  rate: { value: '', unit: 'percent' },
});

const get = (object: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), object);

/** A stored event → the form's values (for a correction, pre-filled with what was recorded). */
export const valuesFrom = (event: Record<string, unknown>): FormValues => {
  const type = String(event.type);
  const values = emptyValues(type);
  for (const spec of fieldsFor(type)) {
    const value = get(event, spec.path);
    if (spec.kind === 'terms' && Array.isArray(value)) {
      values.terms = value.map((t: Record<string, unknown>) => ({
        metric: String(t.metric ?? ''), value: t.value === undefined ? '' : String(t.value), unit: String(t.unit ?? ''),
        text: String(t.text ?? ''), note: String(t.note ?? ''), scope: String(t.scope ?? ''),
      }));
    } else if (spec.kind === 'rate' && value && typeof value === 'object') {
      const rate = value as { value: number; unit: string };
      values.rate = { value: String(rate.value), unit: rate.unit };
    } else if (spec.kind === 'list' && Array.isArray(value)) {
      values.fields[spec.path] = value.join(', ');
    } else if (value !== undefined && value !== null) {
      values.fields[spec.path] = String(value);
    }
  }
  return values;
};

const set = (object: Record<string, unknown>, path: string, value: unknown) => {
  const keys = path.split('.');
  let node = object;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
};

const numberOrText = (text: string): number | string => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);

/** The form's values → the event as the API takes it (empty fields left out, so "required" errors name them). */
export const eventFrom = (values: FormValues, negotiation: string): Record<string, unknown> => {
  const event: Record<string, unknown> = { type: values.type, negotiation, data: {} };
  for (const spec of fieldsFor(values.type)) {
    if (spec.kind === 'terms') {
      set(event, spec.path, values.terms.map((row) => {
        const term: Record<string, unknown> = { metric: row.metric.trim() };
        if (row.value.trim() !== '') term.value = numberOrText(row.value);
        if (row.unit.trim() !== '') term.unit = row.unit.trim();
        for (const key of ['text', 'note', 'scope'] as const) if (row[key].trim() !== '') term[key] = row[key].trim();
        return term;
      }));
    } else if (spec.kind === 'rate') {
      if (values.rate.value.trim() !== '') set(event, spec.path, { value: numberOrText(values.rate.value), unit: values.rate.unit });
      else if (spec.required) set(event, spec.path, undefined);
    } else {
      const raw = (values.fields[spec.path] ?? '').trim();
      if (raw === '') continue;
      set(event, spec.path, spec.kind === 'list' ? raw.split(',').map((s) => s.trim()).filter(Boolean) : raw);
    }
  }
  if (event.source && Object.keys(event.source as object).length === 0) delete event.source;
  return event;
};

/** The field a problem belongs to: "data.terms[0].value" → "data.terms[0].value"; "data.rate.value" → "data.rate". */
export const fieldOfProblem = (path: string): string => {
  if (/^data\.terms\[\d+\]/.test(path)) return path;
  if (path.startsWith('data.rate')) return 'data.rate';
  if (path === 'data.terms') return 'data.terms';
  const match = /^(source\.[a-zA-Z]+|data\.[a-zA-Z]+|[a-zA-Z]+)/.exec(path);
  return match ? match[1] : '';
};

/** Checks the event with the catalog's validation; problems keyed by field (the rest under ""). */
export const check = (event: Record<string, unknown>, prefix = ''): Record<string, string> => {
  const { problems } = validateEvent(event);
  const byField: Record<string, string> = {};
  for (const p of problems) {
    const field = fieldOfProblem(p.path.startsWith(prefix) ? p.path.slice(prefix.length) : p.path);
    byField[field] = byField[field] ? `${byField[field]}; ${p.message}` : p.message;
  }
  return byField;
};

/** The term fields the catalog knows (scope arrives with issue 11). */
export const termKeys = (): string[] => {
  const schema = schemaOf('OfferMade') as (Schema & { shape: Record<string, Schema> }) | undefined;
  const terms = schema?.shape.data._zod.def.shape?.terms;
  const element = terms ? unwrap(terms).schema._zod.def.element : undefined;
  return Object.keys(element?._zod.def.shape ?? {});
};

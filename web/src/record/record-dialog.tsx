import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { slugLabel, todayDay, typeLabel } from '../model';
import { check, emptyValues, eventFrom, FieldSpec, fieldOfProblem, fieldsFor, FormValues, RECORDABLE_TYPES, TermRow, termKeys, valuesFrom } from './form-model';

export type RecordMode =
  | { kind: 'record' }
  | { kind: 'correct'; event: Record<string, unknown> & { id: string } }
  | { kind: 'retract'; event: Record<string, unknown> & { id: string } };

interface Props {
  mode: RecordMode;
  negotiation: string;
  issue: string | undefined;
  token: string;
  onToken: (token: string) => void;
  onClose: () => void;
  onRecorded: (message: string) => void;
}

/** The fields below are shared with the review panel (web/src/review), which edits drafts in the same form. */
const fieldId = (path: string) => `f-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`;

const Problem = ({ path, problems }: { path: string; problems: Record<string, string> }) =>
  problems[path] ? (
    <span class="field-error" id={`${fieldId(path)}-error`}>
      {problems[path]}
    </span>
  ) : null;

const invalid = (path: string, problems: Record<string, string>) =>
  problems[path] ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${fieldId(path)}-error` } : {};

export const Field = ({ spec, values, problems, onField }: { spec: FieldSpec; values: FormValues; problems: Record<string, string>; onField: (path: string, value: string) => void }) => {
  const id = fieldId(spec.path);
  const value = values.fields[spec.path] ?? '';
  const label = `${spec.label}${spec.required ? ' (required)' : ''}${spec.kind === 'list' ? ' — comma-separated' : ''}${spec.kind === 'date' ? ' — YYYY, YYYY-MM or YYYY-MM-DD' : ''}`;
  const common = { id, name: spec.path, ...invalid(spec.path, problems) };
  return (
    <div class="form-field">
      <label for={id}>{label}</label>
      {spec.kind === 'enum' ? (
        <select {...common} value={value} onChange={(e) => onField(spec.path, e.currentTarget.value)}>
          {!spec.required ? <option value="">—</option> : null}
          {(spec.options ?? []).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : spec.kind === 'longtext' ? (
        <textarea {...common} rows={3} value={value} onInput={(e) => onField(spec.path, e.currentTarget.value)} />
      ) : (
        <input {...common} type="text" value={value} onInput={(e) => onField(spec.path, e.currentTarget.value)} />
      )}
      <Problem path={spec.path} problems={problems} />
    </div>
  );
};

const TERM_LABELS: Record<keyof TermRow, string> = { metric: 'Metric (snake_case)', value: 'Value', unit: 'Unit', text: 'Text', note: 'Note', scope: 'Scope' };

export const Terms = ({ values, problems, onTerms }: { values: FormValues; problems: Record<string, string>; onTerms: (rows: TermRow[]) => void }) => {
  const keys = termKeys().filter((k): k is keyof TermRow => k in TERM_LABELS);
  return (
    <fieldset class="terms-field">
      <legend>Terms (required)</legend>
      {values.terms.map((row, i) => (
        <div class="term-row" key={i}>
          {keys.map((key) => {
            const path = `data.terms[${i}].${key}`;
            return (
              <div class="form-field" key={key}>
                <label for={fieldId(path)}>
                  {TERM_LABELS[key]} {i + 1}
                </label>
                <input
                  id={fieldId(path)}
                  type="text"
                  value={row[key]}
                  {...invalid(path, problems)}
                  onInput={(e) => onTerms(values.terms.map((r, j) => (j === i ? { ...r, [key]: e.currentTarget.value } : r)))}
                />
                <Problem path={path} problems={problems} />
              </div>
            );
          })}
          <Problem path={`data.terms[${i}]`} problems={problems} />
          {values.terms.length > 1 ? (
            <button type="button" onClick={() => onTerms(values.terms.filter((_, j) => j !== i))}>
              Remove term {i + 1}
            </button>
          ) : null}
        </div>
      ))}
      <Problem path="data.terms" problems={problems} />
      <button type="button" onClick={() => onTerms([...values.terms, { metric: '', value: '', unit: '', text: '', note: '', scope: '' }])}>
        Add a term
      </button>
    </fieldset>
  );
};

export const Rate = ({ values, problems, onRate }: { values: FormValues; problems: Record<string, string>; onRate: (rate: FormValues['rate']) => void }) => (
  <fieldset class="rate-field">
    <legend>Rate (required)</legend>
    <div class="row">
      <label for="f-rate-value">Value</label>
      <input id="f-rate-value" type="text" inputMode="decimal" value={values.rate.value} {...invalid('data.rate', problems)} onInput={(e) => onRate({ ...values.rate, value: e.currentTarget.value })} />
      <label for="f-rate-unit">Unit</label>
      <select id="f-rate-unit" value={values.rate.unit} onChange={(e) => onRate({ ...values.rate, unit: e.currentTarget.value })}>
        <option value="percent">percent</option>
        <option value="usd_per_tonne">USD per tonne</option>
        <option value="usd_per_unit">USD per unit</option>
      </select>
    </div>
    <Problem path="data.rate" problems={problems} />
  </fieldset>
);

/**
 * Record an event, correct one (EventCorrected, pre-filled with what was recorded) or retract one
 * with a reason. Checked in the browser with the catalog's schemas; errors beside their fields;
 * sent with the bearer token when one is entered; the server's refusal is shown the same way.
 */
const RecordDialog = ({ mode, negotiation, issue, token, onToken, onClose, onRecorded }: Props) => {
  const dialog = useRef<HTMLDialogElement>(null);
  const initial = useMemo(
    () => (mode.kind === 'record' ? emptyValues('OfferMade', { issue: issue ?? '', occurredAt: todayDay() }) : valuesFrom(mode.event)),
    [mode],
  );
  const [values, setValues] = useState<FormValues>(initial);
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  const specs = fieldsFor(values.type);
  const onField = (path: string, value: string) => setValues((v) => ({ ...v, fields: { ...v.fields, [path]: value } }));

  const build = (): { event: Record<string, unknown>; problems: Record<string, string> } => {
    if (mode.kind === 'retract') {
      const event = { type: 'EventRetracted', negotiation, occurredAt: todayDay(), data: { retracts: mode.event.id, reason: reason.trim() } };
      const found = check(event);
      return { event, problems: found['data.reason'] ? { reason: found['data.reason'] } : found };
    }
    const body = eventFrom(values, negotiation);
    if (mode.kind === 'record') return { event: body, problems: check(body) };
    const { negotiation: _n, ...replacement } = body;
    const event = {
      type: 'EventCorrected', negotiation, occurredAt: todayDay(), source: { title: 'Correction recorded from the web page' },
      data: { corrects: mode.event.id, replacement: { ...replacement, negotiation } },
    };
    return { event, problems: check(event, 'data.replacement.') };
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const built = build();
    setProblems(built.problems);
    if (Object.keys(built.problems).length > 0) {
      dialog.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    setSending(true);
    try {
      await api.record([built.event], token || undefined);
      onRecorded(mode.kind === 'record' ? `${typeLabel(values.type)} recorded.` : mode.kind === 'correct' ? 'Correction recorded.' : 'Retraction recorded.');
      onClose();
    } catch (error) {
      const refusal = error instanceof ApiError ? error : new ApiError(0, String(error));
      if (refusal.status === 401) setProblems({ token: refusal.message });
      else {
        const byField: Record<string, string> = {};
        const prefix = mode.kind === 'correct' ? 'data.replacement.' : '';
        for (const p of refusal.problems) {
          const field = fieldOfProblem(p.path.startsWith(prefix) ? p.path.slice(prefix.length) : p.path);
          byField[field] = p.message;
        }
        setProblems({ ...byField, '': refusal.message });
      }
    } finally {
      setSending(false);
    }
  };

  const title =
    mode.kind === 'record' ? `Record an event in ${slugLabel(negotiation)}` : mode.kind === 'correct' ? `Correct ${String(mode.event.id)}` : `Retract ${String(mode.event.id)}`;
  return (
    <dialog class="record-dialog" ref={dialog} aria-labelledby="record-title" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id="record-title">{title}</h2>
        {mode.kind === 'record' ? (
          <div class="form-field">
            <label for="f-type">Event type</label>
            <select id="f-type" value={values.type} onChange={(e) => setValues(emptyValues(e.currentTarget.value, values.fields))}>
              {RECORDABLE_TYPES.map((t) => (
                <option key={t} value={t}>
                  {typeLabel(t)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {mode.kind === 'correct' ? <p class="small muted">The original stays stored; the correction replaces it from now on, and “known at” before now still shows the original.</p> : null}
        {mode.kind === 'retract' ? (
          <div class="form-field">
            <label for="f-reason">Reason (required)</label>
            <textarea id="f-reason" rows={3} value={reason} onInput={(e) => setReason(e.currentTarget.value)} {...invalid('reason', problems)} />
            <Problem path="reason" problems={problems} />
          </div>
        ) : (
          <div class="form-grid">
            {specs.map((spec) =>
              spec.kind === 'terms' ? (
                <Terms key={spec.path} values={values} problems={problems} onTerms={(terms) => setValues((v) => ({ ...v, terms }))} />
              ) : spec.kind === 'rate' ? (
                <Rate key={spec.path} values={values} problems={problems} onRate={(rate) => setValues((v) => ({ ...v, rate }))} />
              ) : (
                <Field key={spec.path} spec={spec} values={values} problems={problems} onField={onField} />
              ),
            )}
          </div>
        )}
        <div class="form-field">
          <label for="f-token">Bearer token (only if the server requires one)</label>
          <input id="f-token" type="password" autoComplete="off" value={token} onInput={(e) => onToken(e.currentTarget.value)} {...invalid('token', problems)} />
          <Problem path="token" problems={problems} />
        </div>
        {problems[''] ? (
          <p class="field-error" role="alert">
            {problems['']}
          </p>
        ) : Object.keys(problems).length > 0 ? (
          <p class="field-error" role="alert">
            Nothing was recorded: {Object.keys(problems).length} field{Object.keys(problems).length === 1 ? '' : 's'} to fix.
          </p>
        ) : null}
        <div class="row actions">
          <button type="submit" class="primary" disabled={sending}>
            {sending ? 'Sending…' : mode.kind === 'record' ? 'Record' : mode.kind === 'correct' ? 'Record the correction' : 'Retract'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
};

export default RecordDialog;

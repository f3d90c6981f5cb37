import { useMemo, useState } from 'preact/hooks';
import { Field, Rate, Terms } from '../record/record-dialog';
import { check, eventFrom, fieldsFor, FormValues, valuesFrom } from '../record/form-model';
import type { DraftEvent } from './review-model';

interface Props {
  event: DraftEvent;
  onSave: (event: DraftEvent) => void;
  onCancel: () => void;
}

/**
 * A draft in the recording form's fields (generated from the catalog's schemas, checked with the
 * same validation as the server): saving keeps the draft's id, so what is recorded stays idempotent.
 */
export const DraftEditor = ({ event, onSave, onCancel }: Props) => {
  const initial = useMemo(() => valuesFrom(event), [event]);
  const [values, setValues] = useState<FormValues>(initial);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const specs = fieldsFor(values.type);
  const save = (e: Event) => {
    e.preventDefault();
    const edited = { ...eventFrom(values, event.negotiation), id: event.id } as DraftEvent;
    const found = check(edited);
    setProblems(found);
    if (Object.keys(found).length === 0) onSave(edited);
  };
  return (
    <form class="draft-editor" onSubmit={save} aria-label={`Edit draft ${event.type}`}>
      {specs.map((spec) =>
        spec.kind === 'terms' ? (
          <Terms key={spec.path} values={values} problems={problems} onTerms={(terms) => setValues({ ...values, terms })} />
        ) : spec.kind === 'rate' ? (
          <Rate key={spec.path} values={values} problems={problems} onRate={(rate) => setValues({ ...values, rate })} />
        ) : (
          <Field key={spec.path} spec={spec} values={values} problems={problems} onField={(path, value) => setValues({ ...values, fields: { ...values.fields, [path]: value } })} />
        ),
      )}
      {problems[''] ? <p class="field-error">{problems['']}</p> : null}
      <div class="row">
        <button type="submit" class="primary">
          Save draft
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
};

import { download, toCsv } from '../export';

interface Props {
  /** What the file holds, for its name: "state-nafta-renegotiation-auto-rules-of-origin-2018-05-25". */
  name: string;
  label: string;
  rows: () => Array<Record<string, unknown>>;
}

/** Download what is shown as CSV or JSON. */
export const ExportButtons = ({ name, label, rows }: Props) => (
  <details class="export">
    <summary aria-label={`Export ${label}`}>Export</summary>
    <button type="button" data-export="csv" onClick={() => download(`${name}.csv`, 'text/csv;charset=utf-8', toCsv(rows()))}>
      CSV
    </button>
    <button type="button" data-export="json" onClick={() => download(`${name}.json`, 'application/json', JSON.stringify(rows(), null, 2))}>
      JSON
    </button>
  </details>
);

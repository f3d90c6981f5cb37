/** The view in the address bar: `?negotiation&issue&asOf&knownAt`, so every view can be linked. */

export interface ViewParams {
  negotiation?: string;
  issue?: string;
  /** YYYY-MM-DD; undefined = latest. */
  asOf?: string;
  /** ISO instant or day; undefined = now. */
  knownAt?: string;
}

const KEYS = ['negotiation', 'issue', 'asOf', 'knownAt'] as const;

export const readViewParams = (search: string): ViewParams => {
  const params = new URLSearchParams(search);
  const view: ViewParams = {};
  for (const key of KEYS) {
    const value = params.get(key)?.trim();
    if (value) view[key] = value;
  }
  return view;
};

export const viewSearch = (view: ViewParams): string => {
  const params = new URLSearchParams();
  for (const key of KEYS) if (view[key]) params.set(key, view[key] as string);
  const text = params.toString();
  return text ? `?${text}` : '';
};

/**
 * JSON can spell a lone UTF-16 surrogate (`"\ud800"`), which no UTF-8 store can keep: SQLite and
 * PostgreSQL would silently store U+FFFD instead, so a quote would not be the verbatim text it
 * claims. Only a text with such an escape can produce one, so the walk runs only then.
 */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Where (a field path, "" for the value itself) a parsed JSON value holds a lone surrogate, if anywhere. */
export const loneSurrogateIn = (text: string, value: unknown): string | undefined => {
  if (!SURROGATE_ESCAPE.test(text)) return undefined;
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0) {
    const [node, path] = stack.pop() as [unknown, string];
    if (typeof node === 'string') {
      if (LONE_SURROGATE.test(node)) return path;
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => stack.push([item, `${path}[${i}]`]));
    } else if (node !== null && typeof node === 'object') {
      for (const [key, item] of Object.entries(node)) {
        const at = path ? `${path}.${key}` : key;
        if (LONE_SURROGATE.test(key)) return at;
        stack.push([item, at]);
      }
    }
  }
  return undefined;
};

export const loneSurrogateMessage = (path: string): string =>
  `${path || 'the value'} holds a lone UTF-16 surrogate escape (\\ud800–\\udfff without its pair), which is not text and cannot be stored verbatim`;

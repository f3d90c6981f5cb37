import Ajv2020 from 'ajv/dist/2020';

/**
 * Checks an answer against the schema a served OpenAPI document gives for a route, method and
 * status (JSON Schema 2020-12, as OpenAPI 3.1 uses; ajv).
 * Returns the problems, [] when the answer fits.
 */
export const documentedSchemaOf = (document: { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>> }) => {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: 'parley-openapi', components: (document as unknown as { components: object }).components });
  return (path: string, method: string, status: string, body: unknown): string[] => {
    const schema = document.paths[path]?.[method]?.responses[status]?.content?.['application/json']?.schema;
    if (!schema) return [`${method.toUpperCase()} ${path} ${status} is not documented`];
    const rebased = JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"parley-openapi#/components/'));
    const validate = ajv.compile(rebased);
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '(answer)'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
  };
};

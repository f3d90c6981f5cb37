/**
 * The base of every error Parley raises on purpose. `code` is the stable, public name of the failure
 * (the API's `error.code`), `status` its HTTP status, `details()` the machine-readable facts a caller
 * needs to correct the request. The HTTP filter and the CLI map any ParleyError the same way, so a new
 * error is one class in one file. Lives in events/ because the catalog's own validation error is one;
 * nothing here knows about HTTP beyond a number.
 */
export abstract class ParleyError extends Error {
  abstract readonly code: string;
  abstract readonly status: number;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }

  /** Facts for a program (JSON-able; bigint allowed); null when the message says it all. */
  details(): unknown {
    return null;
  }

  /** The text a terminal user reads: the message unless a subclass lays it out better. */
  explain(): string {
    return this.message;
  }
}

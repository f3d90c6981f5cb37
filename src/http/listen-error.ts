import { ParleyError } from '../../events';

const REASONS: Record<string, string> = {
  EADDRINUSE: 'the address is already in use (is another server running on it?)',
  EACCES: 'permission denied (ports below 1024 need privileges)',
  EADDRNOTAVAIL: 'the address is not one of this machine',
  ENOTFOUND: 'unknown host name',
  EAI_AGAIN: 'the host name could not be resolved',
};

/** The server could not bind its address; it has closed the store and holds nothing open. */
export class ListenError extends ParleyError {
  readonly code = 'listen_failed';
  readonly status = 500;
  constructor(
    readonly host: string,
    readonly port: number,
    readonly reason: string,
  ) {
    super(`cannot listen on ${host.includes(':') ? `[${host}]` : host}:${port}: ${REASONS[reason] ?? reason}`);
  }

  static from(error: unknown, host: string, port: number): ListenError {
    const { code, message } = error as NodeJS.ErrnoException;
    return new ListenError(host, port, code ?? message);
  }

  override details() {
    return { host: this.host, port: this.port, reason: this.reason };
  }
}

import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { ParleyError } from '../../../events';
import { loadConfig } from '../../config/parley-config';
import { verifyChain } from '../../store/sqlite/hash-chain';
import { storeKindOf } from '../../store/store-location';
import { StoreFlags } from '../boot';
import { cli } from '../cli-context';

export interface VerifyFlags extends StoreFlags {
  json?: boolean;
}

/** The store's history does not match its hash chain: the first position where it breaks. */
export class HashChainBrokenError extends ParleyError {
  readonly code = 'hash_chain_broken';
  readonly status = 500;
  constructor(
    readonly position: number,
    readonly eventId: string | null,
    readonly problem: string,
    readonly verified: number,
  ) {
    super(`hash chain broken at position ${position}${eventId === null ? '' : ` (event "${eventId}")`}: ${problem}; the ${verified} events before it verify`);
  }

  override details() {
    return { position: this.position, eventId: this.eventId, problem: this.problem, verified: this.verified };
  }
}

class CannotVerifyError extends ParleyError {
  readonly code = 'cannot_verify';
  readonly status = 400;
}

/**
 * `parley verify`: recomputes the embedded store's hash chain from the first event and reports the
 * first position where a stored row no longer matches it (rewritten, inserted or removed behind the
 * store's back). Opens the file read-only: verifying never writes. Exit 1 when the chain is broken.
 */
export const verifyCommand = async (flags: VerifyFlags): Promise<void> => {
  const { store } = loadConfig({ db: flags.db, store: flags.store }, cli().env);
  if (storeKindOf(store) !== 'sqlite' || store === ':memory:') {
    throw new CannotVerifyError(`parley verify checks the hash chain of an embedded SQLite store; "${store}" is not one (a server store keeps its own integrity)`);
  }
  if (!existsSync(store)) throw new CannotVerifyError(`no store at ${store}`);
  const db = new Database(store, { readonly: true, fileMustExist: true });
  try {
    const chained = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'event_hashes'").get();
    if (!chained) {
      throw new CannotVerifyError(`${store} predates the hash chain: open it once with this version of Parley (e.g. parley serve, or parley append) to chain its events, then verify`);
    }
    const verdict = verifyChain(db);
    if (!verdict.ok) throw new HashChainBrokenError(verdict.position, verdict.id, verdict.problem, verdict.events);
    cli().stdout.write(
      flags.json
        ? `${JSON.stringify({ ok: true, events: verdict.events, headPosition: verdict.headPosition, headHash: verdict.headHash })}\n`
        : `verified ${verdict.events} events: the hash chain is intact up to position ${verdict.headPosition}\n` +
            `head hash ${verdict.headHash} (keep it elsewhere: a later verify that ends on another hash at this position means history was rewritten wholesale)\n`,
    );
  } finally {
    db.close();
  }
};

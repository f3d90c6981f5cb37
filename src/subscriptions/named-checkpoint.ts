import { EventStore } from '../store/event-store.port';

/**
 * The bookmark of a named (durable) subscription, kept in the store itself. Positions are
 * recorded once handed to the consumer's connection and written in batches (at most every
 * `everyMs`, and on close), so a busy stream costs a few writes a second, not one per event.
 */
export class NamedCheckpoint {
  private pending: bigint | undefined;
  private stored: bigint | undefined;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly store: EventStore,
    readonly name: string,
    private readonly everyMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Reads the stored position (undefined for a name never used). */
  static async open(
    store: EventStore,
    name: string,
    everyMs: number,
    onError: (error: unknown) => void = () => undefined,
  ): Promise<{ checkpoint: NamedCheckpoint; position: bigint | undefined }> {
    const checkpoint = new NamedCheckpoint(store, name, everyMs, onError);
    checkpoint.stored = await store.readCheckpoint(name);
    return { checkpoint, position: checkpoint.stored };
  }

  /** The position last written to the store. */
  get lastStored(): bigint | undefined {
    return this.stored;
  }

  /** The consumer has everything up to this position. */
  advance(position: bigint): void {
    this.pending = position;
    this.timer ??= setTimeout(() => void this.flush(), this.everyMs);
  }

  /** Writes the latest position now (if it moved). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const position = this.pending;
    this.pending = undefined;
    if (position === undefined || position === this.stored) return this.writing;
    this.writing = this.writing
      .then(() => this.store.storeCheckpoint(this.name, position))
      .then(() => void (this.stored = position), this.onError);
    return this.writing;
  }

  /** Last write, on close. */
  close(): Promise<void> {
    return this.flush();
  }
}

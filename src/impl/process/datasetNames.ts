/**
 * Which datasets a child process holds, by name: each Dataset object is uploaded once
 * (`dataset` command) and named afterwards; with the protocol's `drop` capability the child is
 * told to release a dataset when the harness can never name it again, either because the
 * Dataset object was garbage-collected (a FinalizationRegistry; timing up to the engine) or at
 * an explicit release point (`releaseAll`, called by the claims runner after each claim).
 *
 * Without `drop` (an implementation that does not declare it) nothing is tracked and nothing
 * is ever sent but `dataset`: the child keeps every dataset, as in protocol 1.0.
 *
 * @example
 * ```ts
 * const names = new DatasetNames({ upload, drop, canSend: () => conn.open });
 * const name = await names.name(inst.data); // "D1", uploaded once
 * await names.releaseAll(); // {"cmd":"drop","datasets":["D1"]}; inst.data is re-sent if used again
 * ```
 */
import type { Dataset } from '../../core/layout.js';

/** How datasets reach the child. */
export interface DatasetTransport {
  /** Sends `data` under `name` (the `dataset` command). */
  upload(name: string, data: Dataset): Promise<void>;
  /** Sends `drop` for `names`; absent when the child did not declare the capability. */
  readonly drop?: (names: readonly string[]) => Promise<void>;
  /** False once the conversation is closing or dead (then drops are pointless). */
  canSend(): boolean;
}

/** Names datasets for one child and releases them when they can no longer be used. */
export class DatasetNames {
  private readonly names = new WeakMap<Dataset, Promise<string>>();
  /** Names the child holds (or is receiving), with the object they stand for; only with drop. */
  private readonly held = new Map<string, WeakRef<Dataset>>();
  private readonly registry: FinalizationRegistry<string> | undefined;
  private queued: string[] = [];
  private count = 0;
  /** A drop sent after a collection failed: reported at the next releaseAll. */
  private deferredFault: unknown;

  constructor(private readonly transport: DatasetTransport) {
    if (transport.drop) this.registry = new FinalizationRegistry((name) => this.collected(name));
  }

  /** The dataset's name in the child, uploading it on first use. */
  name(data: Dataset): Promise<string> {
    let name = this.names.get(data);
    if (!name) {
      const id = `D${++this.count}`;
      name = this.transport.upload(id, data).then(() => id);
      this.names.set(data, name);
      if (this.registry) {
        this.held.set(id, new WeakRef(data));
        this.registry.register(data, id, data); // the object is its own unregister token
      }
      const sent = name;
      // A failed upload is retried, not cached (unless a release already forgot it and the
      // object has been sent again under a new name since).
      sent.catch(() => this.names.get(data) === sent && this.forget(id, data));
    }
    return name;
  }

  /** How many datasets the child holds as far as the harness knows (0 without drop tracking). */
  get heldCount(): number {
    return this.held.size;
  }

  /**
   * Drops every dataset sent so far (a claim finished: what it built is no longer needed).
   * A Dataset object used again later is simply uploaded again under a new name.
   * Rejects with the fault of this drop, or of an earlier drop that followed a collection.
   */
  async releaseAll(): Promise<void> {
    const names = [...this.queued];
    this.queued = [];
    for (const [id, ref] of this.held) {
      const data = ref.deref();
      if (data) this.forget(id, data);
      names.push(id);
    }
    this.held.clear();
    const earlier = this.deferredFault;
    this.deferredFault = undefined;
    if (names.length > 0 && this.transport.drop && this.transport.canSend()) await this.transport.drop(names);
    if (earlier !== undefined) throw earlier;
  }

  private forget(id: string, data: Dataset): void {
    this.names.delete(data);
    this.held.delete(id);
    this.registry?.unregister(data);
  }

  /** The Dataset object behind `name` was collected: batch its drop with others collected now. */
  private collected(name: string): void {
    if (!this.held.delete(name)) return;
    this.queued.push(name);
    if (this.queued.length === 1) setImmediate(() => this.flush());
  }

  private flush(): void {
    const names = this.queued;
    this.queued = [];
    if (names.length === 0 || !this.transport.drop || !this.transport.canSend()) return;
    this.transport.drop(names).catch((err: unknown) => {
      this.deferredFault ??= err; // nobody awaits a collection: keep the fault for releaseAll
    });
  }
}

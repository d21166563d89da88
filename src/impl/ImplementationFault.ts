/**
 * A verdict-worthy misbehaviour of an implementation under test: what went wrong, in words a
 * user can act on, plus the implementation's recent stderr. `relucheck check` turns faults
 * into verdicts instead of stack traces.
 *
 * Kinds split in two families (docs/protocol.md, "Verdicts"):
 * - wrong answers, reported as a failed claim (exit 1): `non-finite`, `shape`;
 * - a broken conversation, reported as an error (exit 2): every other kind.
 *
 * @example
 * ```ts
 * throw new ImplementationFault('timeout', 'no reply to gradient (id 4) within 2000 ms', true);
 * ```
 */

/** What kind of misbehaviour. */
export type FaultKind =
  /** Could not be started, or exited before answering the handshake. */
  | 'start'
  /** Exited (or was killed by a signal) while requests were pending or later asked. */
  | 'exited'
  /** No reply within the per-request timeout. */
  | 'timeout'
  /** A stdout line that is not JSON. */
  | 'not-json'
  /** A message that breaks its JSON Schema. */
  | 'schema'
  /** A reply whose id matches no pending request. */
  | 'wrong-id'
  /** A handshake with another protocol version. */
  | 'version'
  /** The implementation replied with an error for a valid request. */
  | 'error-reply'
  /** A module that does not export an Implementation, or a method that threw. */
  | 'module'
  /** A result with the wrong length or shape. */
  | 'shape'
  /** A NaN or infinite value in a result computed from finite inputs. */
  | 'non-finite';

/** Kinds that mean "the answer is wrong" (a failed claim) rather than "the conversation broke". */
export const WRONG_ANSWER_KINDS: readonly FaultKind[] = ['non-finite', 'shape'];

/** A misbehaviour of the implementation under test. */
export class ImplementationFault extends Error {
  override readonly name = 'ImplementationFault';
  constructor(
    readonly kind: FaultKind,
    message: string,
    /** True when the connection is unusable afterwards (the child was killed). */
    readonly fatal = false,
    /** The tail of the implementation's stderr when the fault was seen. */
    readonly stderr = '',
  ) {
    super(message);
  }

  /** Whether this fault is a wrong answer (exit 1) rather than a protocol error (exit 2). */
  get isWrongAnswer(): boolean {
    return WRONG_ANSWER_KINDS.includes(this.kind);
  }
}

/** Whether `err` is an {@link ImplementationFault}. @example isFault(e) && e.kind === 'timeout' */
export function isFault(err: unknown): err is ImplementationFault {
  return err instanceof ImplementationFault;
}

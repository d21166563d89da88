/**
 * `relucheck check --validate-protocol`: a short conformance session instead of the claims.
 * It performs the handshake, sends one request for every declared capability on a small
 * instance, then `drop` (when declared) for the datasets it sent, and stops; every message in both directions is checked against its schema and
 * every answer against its expected shape. The first message that breaks the protocol is
 * reported with its number, direction and text.
 *
 * @example
 * ```ts
 * const r = await validateProtocol({ command: 'python3 server.py', timeoutMs: 10_000 });
 * if (!r.ok) console.log(r.firstViolation);
 * ```
 */
import { makeInstance } from '../core/instance.js';
import { createStreams } from '../core/random.js';
import type { Weights } from '../core/layout.js';
import { isFault } from '../impl/ImplementationFault.js';
import { processImplementation, type ProcessImplementation } from '../impl/processImplementation.js';
import type { ConnectionOptions } from '../impl/process/childConnection.js';

/** One line of the transcript. */
export interface TranscriptEntry {
  readonly n: number;
  readonly direction: 'sent' | 'received';
  readonly line: string;
}

/** What the conformance session found. */
export interface ProtocolValidation {
  readonly ok: boolean;
  /** Requests exercised, with "ok" or the fault. */
  readonly steps: readonly { readonly request: string; readonly outcome: string }[];
  readonly messages: number;
  readonly firstViolation?: {
    readonly kind: string;
    readonly reason: string;
    /** The offending message (the last one received), when there is one. */
    readonly message?: TranscriptEntry;
    readonly stderr: string;
  };
}

/** Runs the conformance session over `options.command`. */
export async function validateProtocol(options: Omit<ConnectionOptions, 'onMessage'>): Promise<ProtocolValidation> {
  const transcript: TranscriptEntry[] = [];
  const onMessage = (direction: 'sent' | 'received', line: string) =>
    transcript.push({ n: transcript.length + 1, direction, line });
  // Faults about a message point at the last one received; a hang or exit has no culprit.
  const culprit = (kind: string) =>
    ['timeout', 'exited', 'start'].includes(kind) ? undefined : [...transcript].reverse().find((e) => e.direction === 'received');
  const steps: { request: string; outcome: string }[] = [];
  let impl: ProcessImplementation | undefined;
  try {
    impl = await processImplementation({ ...options, onMessage });
  } catch (err) {
    if (!isFault(err)) throw err;
    return {
      ok: false,
      steps: [{ request: 'start', outcome: err.message }],
      messages: transcript.length,
      firstViolation: { kind: err.kind, reason: err.message, message: culprit(err.kind), stderr: err.stderr },
    };
  }
  steps.push({ request: 'start', outcome: 'ok' });
  const inst = makeInstance({ d: 4, K: 2, kappa: 2, N: 32, noiseStd: 0.1, seed: 7 });
  const stream = createStreams(7).stream('validate-protocol');
  const W: Weights = { ...inst.Wstar, data: inst.Wstar.data.map((v) => v + 0.1 * stream.normal()) };
  const u = stream.fillNormal(new Float64Array(W.data.length));
  const probes: [string, (i: ProcessImplementation) => Promise<unknown>][] = [
    ['loss', (i) => i.loss!(inst.data, W)],
    ['gradient', (i) => i.gradient!(inst.data, W)],
    ['hvp', (i) => i.hvp!(inst.data, W, u)],
    ['population', (i) => i.populationLoss!(inst.Wstar, W, 0.1).then(() => i.populationGradient!(inst.Wstar, W))],
    ['populationHvp', (i) => i.populationHvp!(inst.Wstar, W, u)],
    ['gd', (i) => i.gradientDescent!(inst.data, { W0: W, eta: 0.1, iterations: 2 })],
    ['init', (i) => i.tensorInit!(inst.data, { K: 2, seed: 1 })],
  ];
  let firstViolation: ProtocolValidation['firstViolation'];
  try {
    for (const [capability, probe] of probes) {
      if (!impl.capabilities.includes(capability as never)) continue;
      try {
        await probe(impl);
        steps.push({ request: capability, outcome: 'ok' });
      } catch (err) {
        if (!isFault(err)) throw err;
        steps.push({ request: capability, outcome: `${err.kind}: ${err.message}` });
        firstViolation ??= { kind: err.kind, reason: err.message, message: culprit(err.kind), stderr: err.stderr || impl.stderrTail() };
        if (impl.fault) break;
      }
    }
    // drop last: it releases the dataset the probes above sent (one request, every name).
    if (impl.handshake.capabilities.includes('drop') && !impl.fault) {
      const held = impl.datasetsHeld();
      try {
        await impl.releaseDatasets();
        steps.push({ request: 'drop', outcome: held > 0 ? 'ok' : 'not sent: no dataset was sent' });
      } catch (err) {
        if (!isFault(err)) throw err;
        steps.push({ request: 'drop', outcome: `${err.kind}: ${err.message}` });
        firstViolation ??= { kind: err.kind, reason: err.message, message: culprit(err.kind), stderr: err.stderr || impl.stderrTail() };
      }
    }
  } finally {
    await impl.close();
  }
  return { ok: firstViolation === undefined, steps, messages: transcript.length, firstViolation };
}

/**
 * An Implementation over a child process that speaks the relucheck protocol
 * (docs/protocol.md): any language, one pipe. Datasets are sent once and then named (keyed on
 * the Dataset object's identity; with the `drop` capability the child is told to release a
 * dataset once its object is collected or at `releaseDatasets()`); arrays travel as
 * exact base64 float64. Answers are decoded here and checked by the guard, so a property
 * receives either a well-shaped finite answer or an ImplementationFault.
 *
 * @example
 * ```ts
 * const impl = await processImplementation({ command: 'python3 examples/python/relucheck_server.py', timeoutMs: 10_000 });
 * const g = await impl.gradient!(inst.data, W);
 * await impl.close!();
 * ```
 */
import { capLength, DISPLAY_LIMITS } from '../core/displayText.js';
import type { Dataset, Weights } from '../core/layout.js';
import { decodeFloat64Array, decodeScalar, encodeFloat64Array, WireFormatError } from '../protocol/float64Codec.js';
import { wireWeights } from '../protocol/messages.js';
import { CAPABILITIES, type Implementation } from './Implementation.js';
import { ImplementationFault } from './ImplementationFault.js';
import { guardImplementation, type GuardedImplementation } from './guardedImplementation.js';
import { ChildConnection, type ConnectionOptions, type Handshake } from './process/childConnection.js';
import { DatasetNames } from './process/datasetNames.js';

/** A guarded process implementation, with its handshake and supervision state. */
export interface ProcessImplementation extends GuardedImplementation {
  readonly handshake: Handshake;
  /** The fatal fault that ended the child, if any (then every call rejects). */
  readonly fault: ImplementationFault | undefined;
  /** The child's process id (its process group is killed on close or fault). */
  readonly pid: number | undefined;
  stderrTail(): string;
  /**
   * Tells the child to drop every dataset sent so far (protocol `drop`; a no-op when the child
   * did not declare it). Datasets used again are re-sent. Rejects with the drop's fault.
   */
  releaseDatasets(): Promise<void>;
  /** Datasets the child holds as far as the harness knows (tracked only with `drop`). */
  datasetsHeld(): number;
  close(): Promise<void>;
}

/**
 * Starts the child, performs the handshake and returns the Implementation it offers.
 * Rejects with a fatal ImplementationFault when the child cannot be started or handshaken.
 */
export async function processImplementation(options: ConnectionOptions): Promise<ProcessImplementation> {
  const { connection, handshake } = await ChildConnection.open(options);
  const drops = handshake.capabilities.includes('drop');
  const datasets = new DatasetNames({
    upload: async (name, data) => {
      await connection.request('dataset', { name, n: data.n, d: data.d, X: encodeFloat64Array(data.X), y: encodeFloat64Array(data.y) });
    },
    drop: drops
      ? async (names) => {
          await connection.request('drop', { datasets: names });
        }
      : undefined,
    canSend: () => connection.open,
  });
  const datasetName = (data: Dataset): Promise<string> => datasets.name(data);
  const ask = (cmd: Parameters<ChildConnection['request']>[0], fields: Record<string, unknown>) =>
    connection.request(cmd, fields);
  const arrayField = (result: Record<string, unknown>, field: string, cmd: string): Float64Array => {
    try {
      return decodeFloat64Array(result[field]);
    } catch (err) {
      if (err instanceof WireFormatError) throw new ImplementationFault('schema', `${cmd}.${field}: ${err.message}`);
      throw err;
    }
  };
  const scalarField = (result: Record<string, unknown>, field: string, cmd: string): number => {
    try {
      return decodeScalar(result[field], `${cmd}.${field}`);
    } catch (err) {
      if (err instanceof WireFormatError) throw new ImplementationFault('schema', err.message);
      throw err;
    }
  };

  const caps = CAPABILITIES.filter((c) => handshake.capabilities.includes(c));
  const raw: Implementation = {
    name: options.command,
    capabilities: caps,
    ...(handshake.reluAtZero === undefined ? {} : { reluAtZero: handshake.reluAtZero }),
    ...(handshake.precision === undefined ? {} : { precision: handshake.precision }),
  };
  const m = raw as { -readonly [K in keyof Implementation]: Implementation[K] };
  if (caps.includes('loss')) {
    m.loss = async (data: Dataset, W: Weights) =>
      scalarField(await ask('loss', { dataset: await datasetName(data), W: wireWeights(W) }), 'loss', 'loss');
  }
  if (caps.includes('gradient')) {
    m.gradient = async (data: Dataset, W: Weights) =>
      arrayField(await ask('gradient', { dataset: await datasetName(data), W: wireWeights(W) }), 'gradient', 'gradient');
  }
  if (caps.includes('hvp')) {
    m.hvp = async (data: Dataset, W: Weights, u: Float64Array) =>
      arrayField(
        await ask('hvp', { dataset: await datasetName(data), W: wireWeights(W), u: encodeFloat64Array(u) }),
        'hvp',
        'hvp',
      );
  }
  if (caps.includes('population')) {
    m.populationLoss = async (Ws: Weights, W: Weights, nu: number) =>
      scalarField(await ask('populationLoss', { Wstar: wireWeights(Ws), W: wireWeights(W), nu }), 'loss', 'populationLoss');
    m.populationGradient = async (Ws: Weights, W: Weights) =>
      arrayField(await ask('populationGradient', { Wstar: wireWeights(Ws), W: wireWeights(W) }), 'gradient', 'populationGradient');
  }
  if (caps.includes('populationHvp')) {
    m.populationHvp = async (Ws: Weights, W: Weights, u: Float64Array) =>
      arrayField(
        await ask('populationHvp', { Wstar: wireWeights(Ws), W: wireWeights(W), u: encodeFloat64Array(u) }),
        'hvp',
        'populationHvp',
      );
  }
  if (caps.includes('gd')) {
    m.gradientDescent = async (data, req) => {
      const result = await ask('gd', {
        dataset: await datasetName(data),
        W0: wireWeights(req.W0),
        eta: req.eta,
        iterations: req.iterations,
      });
      return { W: { d: req.W0.d, K: req.W0.K, data: arrayField(result, 'W', 'gd') }, loss: arrayField(result, 'loss', 'gd') };
    };
  }
  if (caps.includes('init')) {
    m.tensorInit = async (data, req) => {
      const result = await ask('init', { dataset: await datasetName(data), K: req.K, seed: req.seed });
      return { d: data.d, K: req.K, data: arrayField(result, 'W', 'init') };
    };
  }

  const guarded = guardImplementation(raw, { stderr: () => connection.stderrTail() });
  // defineProperties, not Object.assign: `fault` must stay a live getter.
  Object.defineProperties(guarded, {
    name: {
      // The name is the implementation's own text: capped here, escaped where it is shown.
      value: handshake.implementation.name ? `${capLength(handshake.implementation.name, DISPLAY_LIMITS.name)} (${options.command})` : options.command,
      enumerable: true,
    },
    handshake: { value: handshake, enumerable: true },
    fault: { get: () => connection.fault, enumerable: true },
    pid: { value: connection.pid, enumerable: true },
    stderrTail: { value: () => connection.stderrTail() },
    releaseDatasets: { value: () => datasets.releaseAll() },
    datasetsHeld: { value: () => datasets.heldCount },
    close: { value: () => connection.close() },
  });
  return guarded as ProcessImplementation;
}

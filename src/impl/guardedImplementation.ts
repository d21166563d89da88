/**
 * Wraps any Implementation so that its answers are checked before a property sees them:
 * lengths against the request's shape, finiteness of every value (inputs are always finite,
 * so NaN or infinity in an answer is a wrong answer), methods that throw or never resolve.
 * Each misbehaviour becomes an {@link ImplementationFault}; the wrapper also remembers them,
 * so `relucheck check` can attribute a fault to the claim that met it even when the claim
 * swallowed the exception.
 *
 * @example
 * ```ts
 * const impl = guardImplementation(await loadModuleImplementation('./solver.mjs'), { timeoutMs: 5000 });
 * await impl.gradient!(data, W); // throws ImplementationFault('shape', ...) on a short array
 * impl.takeFaults();
 * ```
 */
import type { Dataset, Weights } from '../core/layout.js';
import { ImplementationFault, isFault } from './ImplementationFault.js';
import type { GdRequest, Implementation, InitRequest } from './Implementation.js';

/** An Implementation whose answers are checked, with a log of the faults met. */
export interface GuardedImplementation extends Implementation {
  /** Faults met since the last call, oldest first (then forgotten). */
  takeFaults(): ImplementationFault[];
}

/** Settings of the guard. */
export interface GuardOptions {
  /** Rejects a call that has not settled after this many ms (0: no limit). */
  readonly timeoutMs?: number;
  /** Appended to fault messages, e.g. the implementation's stderr tail. */
  readonly stderr?: () => string;
}

/** Wraps `impl`; only declared methods are wrapped, so capabilities are unchanged. */
export function guardImplementation(impl: Implementation, options: GuardOptions = {}): GuardedImplementation {
  const faults: ImplementationFault[] = [];
  const call = async <T>(method: string, run: () => Promise<T>, check: (value: T) => void): Promise<T> => {
    try {
      const value = await withTimeout(run(), options.timeoutMs ?? 0, method);
      check(value);
      return value;
    } catch (err) {
      const fault = isFault(err)
        ? err
        : new ImplementationFault('module', `${method} threw: ${(err as Error)?.message ?? String(err)}`, false, options.stderr?.() ?? '');
      faults.push(fault);
      throw fault;
    }
  };
  const g: GuardedImplementation = {
    name: impl.name,
    capabilities: impl.capabilities,
    ...(impl.reluAtZero === undefined ? {} : { reluAtZero: impl.reluAtZero }),
    ...(impl.precision === undefined ? {} : { precision: impl.precision }),
    takeFaults: () => faults.splice(0, faults.length),
    close: impl.close ? () => impl.close!() : undefined,
  };
  const m = g as { -readonly [K in keyof Implementation]: Implementation[K] };
  if (impl.loss) m.loss = (data: Dataset, W: Weights) => call('loss', () => impl.loss!(data, W), (v) => scalar('loss', v));
  if (impl.gradient) {
    m.gradient = (data: Dataset, W: Weights) =>
      call('gradient', () => impl.gradient!(data, W), (v) => array('gradient', v, W.data.length, shapeOf(W)));
  }
  if (impl.hvp) {
    m.hvp = (data: Dataset, W: Weights, u: Float64Array) =>
      call('hvp', () => impl.hvp!(data, W, u), (v) => array('hvp', v, W.data.length, shapeOf(W)));
  }
  if (impl.populationLoss) {
    m.populationLoss = (Ws: Weights, W: Weights, nu: number) =>
      call('populationLoss', () => impl.populationLoss!(Ws, W, nu), (v) => scalar('populationLoss', v));
  }
  if (impl.populationGradient) {
    m.populationGradient = (Ws: Weights, W: Weights) =>
      call('populationGradient', () => impl.populationGradient!(Ws, W), (v) => array('populationGradient', v, W.data.length, shapeOf(W)));
  }
  if (impl.populationHvp) {
    m.populationHvp = (Ws: Weights, W: Weights, u: Float64Array) =>
      call('populationHvp', () => impl.populationHvp!(Ws, W, u), (v) => array('populationHvp', v, W.data.length, shapeOf(W)));
  }
  if (impl.gradientDescent) {
    m.gradientDescent = (data: Dataset, req: GdRequest) =>
      call('gd', () => impl.gradientDescent!(data, req), (v) => {
        weights('gd W', v?.W, req.W0.d, req.W0.K);
        array('gd loss', v.loss, req.iterations + 1, `iterations + 1 = ${req.iterations + 1}`);
      });
  }
  if (impl.tensorInit) {
    m.tensorInit = (data: Dataset, req: InitRequest) =>
      call('init', () => impl.tensorInit!(data, req), (v) => weights('init W', v, data.d, req.K));
  }
  return g;
}

function shapeOf(W: Weights): string {
  return `d x K = ${W.d} x ${W.K}`;
}

function scalar(what: string, v: unknown): void {
  if (typeof v !== 'number') throw new ImplementationFault('shape', `${what} returned ${typeof v}, expected a number`);
  if (!Number.isFinite(v)) throw new ImplementationFault('non-finite', `${what} returned ${v} for finite inputs`);
}

function array(what: string, v: unknown, length: number, shape: string): void {
  if (!(v instanceof Float64Array)) {
    throw new ImplementationFault('shape', `${what} returned ${describeValue(v)}, expected a Float64Array of length ${length}`);
  }
  if (v.length !== length) {
    throw new ImplementationFault('shape', `${what} returned ${v.length} values, expected ${length} (${shape})`);
  }
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) {
      throw new ImplementationFault('non-finite', `${what} returned ${v[i]} at index ${i} (of ${length}) for finite inputs`);
    }
  }
}

function weights(what: string, v: unknown, d: number, K: number): void {
  const w = v as Weights | undefined;
  if (!w || typeof w !== 'object' || w.d !== d || w.K !== K) {
    throw new ImplementationFault('shape', `${what} has shape ${w?.d} x ${w?.K}, expected ${d} x ${K}`);
  }
  array(what, w.data, d * K, `d x K = ${d} x ${K}`);
}

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return `a plain array of length ${v.length}`;
  return typeof v === 'object' ? (v.constructor?.name ?? 'an object') : typeof v;
}

function withTimeout<T>(promise: Promise<T>, ms: number, method: string): Promise<T> {
  if (!(ms > 0)) return promise;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ImplementationFault('timeout', `${method} did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A symmetric linear operator on R^n given by its product: the common currency of the
 * Hessians (population, empirical, an implementation's `hvp`) and the eigen-solvers.
 *
 * @example
 * ```ts
 * const op: SymmetricOperator = { n: 2, matvec: (u, out = new Float64Array(2)) => (out.set(u), out) };
 * ```
 */
export interface SymmetricOperator {
  readonly n: number;
  /** Writes A u into `out` (allocated when omitted) and returns it; `out` must not alias u. */
  matvec(u: Float64Array, out?: Float64Array): Float64Array;
}

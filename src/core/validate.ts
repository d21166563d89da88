/**
 * Argument validation shared by every entry point a user can reach.
 *
 * Every failure is a {@link ValidationError} whose message names the argument, the rule it
 * broke and the offending value, in stdlib's style:
 * `invalid argument. K must be at most d (d = 3). Value: 5.`
 *
 * @example
 * ```ts
 * assertIntegerInRange('K', 5, 1, 3, 'K must be at most d (d = 3)');
 * // throws ValidationError: invalid argument. K must be at most d (d = 3). Value: 5.
 * ```
 */

/** Error thrown for a bad argument; carries the argument name, rule and value for tools. */
export class ValidationError extends RangeError {
  override readonly name = 'ValidationError';
  constructor(
    readonly argument: string,
    readonly rule: string,
    readonly value: unknown,
  ) {
    super(`invalid argument. ${rule}. Value: ${formatValue(value)}.`);
  }
}

/** Renders a value for an error message: short arrays in full, long ones by length. */
export function formatValue(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (ArrayBuffer.isView(value) || Array.isArray(value)) {
    const arr = value as ArrayLike<number>;
    return arr.length <= 8
      ? `[${Array.from(arr).join(', ')}]`
      : `array of length ${arr.length}`;
  }
  if (value === null || value === undefined) return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** Throws a {@link ValidationError}; the single place that builds them. */
export function fail(argument: string, rule: string, value: unknown): never {
  throw new ValidationError(argument, rule, value);
}

/**
 * Asserts a finite number.
 * @example assertFinite('kappa', 2);
 */
export function assertFinite(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    fail(name, `${name} must be a finite number`, value);
  }
}

/**
 * Asserts an integer in `[min, max]`; `rule` overrides the default wording.
 * @example assertIntegerInRange('d', 10, 1, Infinity);
 */
export function assertIntegerInRange(
  name: string,
  value: unknown,
  min: number,
  max: number,
  rule?: string,
): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    fail(name, `${name} must be an integer`, value);
  }
  if (value < min) fail(name, rule ?? `${name} must be at least ${min}`, value);
  if (value > max) fail(name, rule ?? `${name} must be at most ${max}`, value);
}

/**
 * Asserts a finite number that is at least `min` (or strictly greater when `strict`).
 * @example assertAtLeast('kappa', 2, 1);
 */
export function assertAtLeast(
  name: string,
  value: unknown,
  min: number,
  strict = false,
): asserts value is number {
  assertFinite(name, value);
  if (strict ? !(value > min) : !(value >= min)) {
    fail(name, `${name} must be ${strict ? 'greater than' : 'at least'} ${min}`, value);
  }
}

/**
 * Asserts a Float64Array of the given length whose entries are all finite.
 * @example assertFiniteArray('W', new Float64Array(6), 6, 'd * K = 6');
 */
export function assertFiniteArray(
  name: string,
  value: unknown,
  length: number,
  lengthRule?: string,
): asserts value is Float64Array {
  if (!(value instanceof Float64Array)) fail(name, `${name} must be a Float64Array`, value);
  if (value.length !== length) {
    fail(name, `${name} must have length ${lengthRule ?? String(length)}`, value.length);
  }
  for (let i = 0; i < value.length; i++) {
    if (!Number.isFinite(value[i])) {
      fail(name, `${name} must contain only finite numbers (entry ${i})`, value[i]);
    }
  }
}

/**
 * The benchmark modules `bench/run.ts` runs, in order. Each exports
 * `async function bench(out: (line: string) => void)`.
 */
import * as tensor from './tensor.js';

export const benches = [{ name: 'tensor', bench: tensor.bench }];

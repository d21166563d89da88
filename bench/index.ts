/**
 * Every benchmark module run by bench/run.ts; each exports
 * `async function bench(out: (line: string) => void)`.
 */
import { bench as population } from './population.js';
import { bench as tensor } from './tensor.js';

export const benches: { name: string; bench: (out: (line: string) => void) => Promise<void> }[] = [
  { name: 'population', bench: population },
  { name: 'tensor', bench: tensor },
];

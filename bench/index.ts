/**
 * Every benchmark module run by bench/run.ts, in order (the gradient kernel first); each
 * exports `async function bench(out: (line: string) => void)`. Append yours here.
 */
import { bench as kernel } from './kernelBench.js';
import { bench as population } from './population.js';
import { bench as tensor } from './tensor.js';
import { bench as implWorker } from './implWorker.js';

export const benches: { name: string; bench: (out: (line: string) => void) => Promise<void> }[] = [
  { name: 'gradient kernel vs NumPy', bench: kernel },
  { name: 'population', bench: population },
  { name: 'tensor', bench: tensor },
  { name: '--impl on a worker thread vs in-process', bench: implWorker },
];

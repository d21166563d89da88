// Draws a normal, a slope interval and an erf: the packages relucheck loads on first use
// (@stdlib/random-base-normal, @stdlib/stats-base-dists-t-quantile, @stdlib/math-base-special-erf)
// must then show up in spec/support/loadedPackages.mjs's list (the control of spec/package/lazyImports.spec.ts).
import { createStreams } from '../../dist/src/core/random.js';
import { slopeWithInterval } from '../../dist/src/core/stats/slopeWithInterval.js';
import { ACTIVATIONS } from '../../dist/src/core/activations/catalog.js';

createStreams(1).stream('control').normal();
slopeWithInterval([0, 1, 2, 3], [0, 1, 2.1, 2.9], 0.95);
ACTIVATIONS.erf.phi(0.5);

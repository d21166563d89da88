// A solver whose answers are float32 (the example solver's, rounded as a float32 framework's
// would be): held to float64 bounds it fails, with --precision float32 it passes.
import createImplementation from '../../../examples/typescript/solver.mjs';

const correct = createImplementation();

export default {
  name: 'float32-answers',
  capabilities: ['loss', 'gradient'],
  async loss(data, W) {
    return Math.fround(await correct.loss(data, W));
  },
  async gradient(data, W) {
    return (await correct.gradient(data, W)).map(Math.fround);
  },
};

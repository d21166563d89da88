// A planted bug for `relucheck check --impl`: the loss is right, the gradient is half of it
// (a 1/(2N) carried over from the loss). Built on the correct example solver so that the
// planted mistake is the only difference; halving is exact, so this equals grad / (2N).
import createImplementation from '../../../examples/typescript/solver.mjs';

const correct = createImplementation();

export default {
  name: 'half-gradient',
  capabilities: ['loss', 'gradient'],
  loss: correct.loss,
  async gradient(data, W) {
    return (await correct.gradient(data, W)).map((g) => g / 2);
  },
};

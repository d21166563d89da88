// A planted bug (half the gradient) behind a hostile name: markup, an entity, quotes, an ANSI
// escape, a newline that forges a line, a NUL and a bidi override. JUnit XML of a check on it
// must still parse, and show the name as visible text.
import createImplementation from '../../../examples/typescript/solver.mjs';

const correct = createImplementation();

export const HOSTILE_NAME = 'evil <b>&amp; "quoted" \'x\' ]]> \x1b[31mred\x1b[0m\n1 passed, 0 failed\x00\u202e';

export default {
  name: HOSTILE_NAME,
  capabilities: ['loss', 'gradient'],
  loss: correct.loss,
  async gradient(data, W) {
    return (await correct.gradient(data, W)).map((g) => g / 2);
  },
};

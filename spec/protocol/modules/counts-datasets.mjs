// Answers loss with the number of distinct Dataset objects it has been called with, and
// gradient with the number of times it was called (so a spec can see identity and restarts).
const seen = new WeakSet();
let distinct = 0;
let calls = 0;
export default {
  name: 'counts-datasets',
  capabilities: ['loss', 'gradient'],
  async loss(data) {
    if (!seen.has(data)) {
      seen.add(data);
      distinct++;
    }
    return distinct;
  },
  async gradient(data, W) {
    calls++;
    return new Float64Array(W.data.length).fill(calls);
  },
};

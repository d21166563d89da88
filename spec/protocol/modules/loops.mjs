// A gradient stuck in a synchronous endless loop: it blocks its thread, so only a worker
// that can be terminated from outside gets a verdict for it (loss still answers).
export default {
  name: 'loops',
  capabilities: ['loss', 'gradient'],
  async loss() {
    return 0;
  },
  gradient() {
    console.error('gradient: entering the loop');
    for (;;) {
      /* never returns, never yields */
    }
  },
};

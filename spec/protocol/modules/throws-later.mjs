// A gradient that never settles and throws from a timer instead: an uncaught exception,
// which in-process would have ended relucheck itself.
export default {
  name: 'throws-later',
  capabilities: ['gradient'],
  gradient: () =>
    new Promise(() => {
      setTimeout(() => {
        throw new RangeError('thrown from a timer');
      }, 10);
    }),
};

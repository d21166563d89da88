// A gradient that ends its thread with process.exit (in a worker, only the worker ends).
export default { name: 'exits', capabilities: ['gradient'], gradient: () => process.exit(3) };

// A gradient whose promise never settles (awaiting an event that never comes).
export const implementation = { name: 'never-resolves', capabilities: ['gradient'], gradient: () => new Promise(() => {}) };

// Declares the gradient capability but has no gradient method.
export default { name: 'missing-method', capabilities: ['loss', 'gradient'], async loss() { return 0; } };

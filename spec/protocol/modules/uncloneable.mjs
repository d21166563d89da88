// A gradient returning something structured clone cannot copy (a function).
export default { name: 'uncloneable', capabilities: ['gradient'], gradient: async () => () => 0 };

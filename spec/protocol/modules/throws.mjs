// A factory returning an implementation whose gradient throws.
export default async function create() {
  return {
    name: 'throws',
    capabilities: ['gradient'],
    async gradient() {
      throw new TypeError("Cannot read properties of undefined (reading 'length')");
    },
  };
}

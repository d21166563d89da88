// Prints (JSON) the npm packages that importing a module loads, in load order:
//   node spec/support/loadedPackages.mjs dist/src/index.js
// A resolve hook (module.register, run on Node's loader thread) reports every bare specifier
// it resolves back over a MessagePort, and CommonJS packages a module require()s (Node 20's
// hooks do not see those) are read from the CommonJS cache afterwards. Used by
// spec/package/lazyImports.spec.ts to show that heavy dependencies stay off the import path;
// a static grep would miss a transitive import.
import { createRequire, register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const entry = process.argv[2];
if (!entry) {
  console.error('usage: node spec/support/loadedPackages.mjs MODULE');
  process.exit(2);
}
const hook = `
let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  if (!/^(node:|[./]|file:|data:)/.test(specifier)) port.postMessage(specifier);
  return next(specifier, context);
}`;
const { port1, port2 } = new MessageChannel();
const seen = [];
port1.on('message', (s) => {
  const name = s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0];
  if (!seen.includes(name)) seen.push(name);
});
port1.unref();
register(`data:text/javascript,${encodeURIComponent(hook)}`, { data: { port: port2 }, transferList: [port2] });
await import(pathToFileURL(resolve(entry)).href);
// Let the last messages from the loader thread arrive.
await new Promise((r) => setTimeout(r, 50));
const cjs = createRequire(import.meta.url)('node:module')._cache;
for (const file of Object.keys(cjs)) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(file);
  if (m && !seen.includes(m[1])) seen.push(m[1]);
}
console.log(JSON.stringify(seen));

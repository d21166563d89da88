// Builds the optional native kernel (src/native/addon: gradient.c, gradient_kernel.h, binding.gyp) with node-gyp
// and the system C compiler. Runs in `npm run build` (hence on npm ci / npm test) and as the
// package's `install` script, so a consumer's `npm install relucheck` builds it where a compiler
// exists and `npm rebuild relucheck` retries.
//
// Optional by design: without a compiler (or Node headers) relucheck falls back to the
// WebAssembly kernel, so a failed build prints why and exits 0, unless
// RELUCHECK_REQUIRE_NATIVE=1 (set by .ci/run), where it fails the build.
// node-gyp is the one npm bundles (npm passes its path as npm_config_node_gyp to scripts);
// A stamp of the sources, Node's ABI and the platform skips unchanged
// rebuilds; a 5-minute timeout keeps a stuck toolchain from hanging the build.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'src', 'native', 'addon');
const output = join(dir, 'build', 'Release', 'relucheck_native.node');
const stampFile = join(dir, 'build', 'relucheck.stamp');
const required = process.env.RELUCHECK_REQUIRE_NATIVE === '1';

function nodeGyp() {
  const fromNpm = process.env.npm_config_node_gyp;
  if (fromNpm && existsSync(fromNpm)) return fromNpm;
  const bundled = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  return existsSync(bundled) ? bundled : undefined;
}

function giveUp(reason) {
  const msg = `build-native: native kernel not built (${reason}); relucheck will use the WebAssembly kernel (same results; \`npm rebuild relucheck\` retries)`;
  if (required) {
    console.error(`${msg}\nbuild-native: RELUCHECK_REQUIRE_NATIVE=1, failing`);
    process.exit(1);
  }
  console.warn(msg);
  process.exit(0);
}

const stamp = createHash('sha256')
  .update(readFileSync(join(dir, 'gradient.c')))
  .update(readFileSync(join(dir, 'gradient_kernel.h')))
  .update(readFileSync(join(dir, 'binding.gyp')))
  .update(`${process.versions.modules} ${process.platform} ${process.arch}`)
  .digest('hex');
if (existsSync(output) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
  console.log('build-native: src/native/addon -> relucheck_native.node (unchanged)');
  process.exit(0);
}

const gyp = nodeGyp();
if (!gyp) giveUp('node-gyp not found (run the build through npm, which bundles it)');
// Node's own headers: npm's nodedir setting if any, else the running Node's prefix (official
// builds and distribution packages ship include/node), so node-gyp never needs the network.
const prefix = join(dirname(process.execPath), '..');
const nodedir = process.env.npm_config_nodedir ||
  (existsSync(join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined);
const args = [gyp, 'rebuild', `--directory=${dir}`, ...(nodedir ? [`--nodedir=${nodedir}`] : [])];
const res = spawnSync(process.execPath, args, {
  encoding: 'utf8',
  timeout: 5 * 60_000,
  env: process.env,
});
if (res.error) giveUp(`node-gyp could not run: ${res.error.message}`);
if (res.status !== 0 || !existsSync(output)) {
  const tail = `${res.stdout}\n${res.stderr}`.trim().split('\n').filter((l) => !l.startsWith('gyp info')).slice(-12).join('\n');
  giveUp(`node-gyp exited with ${res.status}:\n${tail}\n`);
}
writeFileSync(stampFile, stamp);
console.log('build-native: src/native/addon -> relucheck_native.node');

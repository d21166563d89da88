// An --impl module that prints everywhere a module can: console.log and process.stdout.write
// (a forged JSON document, clear-screen and window-title escapes, a forged summary line),
// console.error, writes straight to file descriptors 1 and 2 (fs.writeSync, which bypasses
// the worker's captured streams), and a 1 MiB flood; then its gradient throws 'boom' (after
// checking that writing an ordinary file still works).
import { readFileSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

console.log('{"forged": "json from console.log"}');
process.stdout.write('\x1b[2J\x1b]0;owned\x07');
writeSync(1, '{"forged": "json on fd 1"}\n');
writeSync(2, 'fd 2 \x1b[31mred\n');

export default {
  name: 'noisy',
  capabilities: ['gradient'],
  async gradient() {
    console.log('\n23 passed, 0 failed');
    process.stdout.write('x'.repeat(1 << 20));
    console.error('stderr line \x1b[2J');
    const file = join(tmpdir(), `relucheck-noisy-${process.pid}.txt`);
    writeFileSync(file, 'ok');
    if (readFileSync(file, 'utf8') !== 'ok') throw new Error('writing a file is broken');
    throw new Error('boom');
  },
};

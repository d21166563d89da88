/**
 * A reader that closes the pipe early (`relucheck check --list | head -1`) ends the CLI's
 * output quietly: exit 0, no EPIPE stack trace (it used to crash with an unhandled 'error').
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

it('check --list into a pipe its reader has closed exits 0 without a stack trace', async () => {
  const child = spawn(process.execPath, [cli, 'check', '--list'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => void (stderr += b.toString()));
  // Closed before the first write: every write the CLI makes meets a closed pipe.
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(stderr).not.toMatch(/EPIPE|Error/);
  expect(code).toBe(0);
});

// A server whose every piece of text is hostile: its name clears the screen, sets the window
// title, forges relucheck's summary line and is 1 MB long; its gradient fails with a message
// and stderr that do the same. relucheck must show all of it escaped, indented and capped.
import { serve } from '../../protocol/misbehaving/lib.mjs';

const FORGE = '\x1b[2J\x1b]0;owned\x07\r\n23 passed, 0 failed, 0 not applicable, 0 errored\n\u202emirrored';
const name = `evil${FORGE}${'A'.repeat(1_000_000)}`;

serve({
  start: (req, answer) => {
    const reply = answer();
    reply.result.implementation.name = name;
    reply.result.implementation.version = `1${FORGE}`;
    return reply;
  },
  gradient: (req) => {
    process.stderr.write(`log${FORGE}\n${'B'.repeat(200_000)}\n`);
    return { id: req.id, error: { message: `boom${FORGE}${'C'.repeat(100_000)}`, detail: `trace${FORGE}` } };
  },
});

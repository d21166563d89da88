// Starts a grandchild holding the pipes (GRANDCHILD=group: same process group; setsid: its own
// session), then crashes while answering gradient.
import { spawn } from 'node:child_process';
import { serve } from '../../protocol/misbehaving/lib.mjs';
import { recordPid } from './pids.mjs';
recordPid();
const args = ['-e', 'setInterval(() => {}, 1000)'];
const g = process.env.GRANDCHILD === 'setsid'
  ? spawn('setsid', [process.execPath, ...args], { stdio: 'inherit', detached: false })
  : spawn(process.execPath, args, { stdio: 'inherit' });
g.unref();
// setsid forks (or execs) the node process: record the pid that holds the pipes once it runs.
setTimeout(() => recordPid(g.pid), 50);
serve({ gradient: () => process.exit(3) });

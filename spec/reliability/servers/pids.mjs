// Records a pid in $PIDFILE (one per line) so the spec can check that nothing outlives the check.
import { appendFileSync } from 'node:fs';
export const recordPid = (pid = process.pid) => process.env.PIDFILE && appendFileSync(process.env.PIDFILE, `${pid}\n`);

/**
 * One conversation with an implementation running as a child process: newline-delimited JSON
 * over its stdin/stdout, requests matched to replies by id, every message checked against its
 * schema, a per-request timeout, a bounded tail of stderr, and a child that is always killed
 * (with its whole process group) on close, on timeout or when the harness exits.
 *
 * Every misbehaviour becomes an {@link ImplementationFault}; faults after which the stream
 * cannot be trusted (crash, hang, garbage, wrong id) are fatal and kill the child.
 *
 * @example
 * ```ts
 * const conn = await ChildConnection.open({ command: 'python3 server.py', timeoutMs: 10_000 });
 * const { loss } = await conn.request('loss', { dataset: 'D1', W: wireWeights(W) });
 * await conn.close();
 * ```
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { ImplementationFault, type FaultKind } from '../ImplementationFault.js';
import { killPipeHolders, stdioInodes } from './pipeHolders.js';
import { PROTOCOL_VERSION, type Command, type ProtocolCapability } from '../../protocol/messages.js';
import { protocolValidator } from '../../protocol/schemaValidator.js';
import type { Capability, Precision, ReluAtZero } from '../Implementation.js';

/** How to start and supervise the child. */
export interface ConnectionOptions {
  /** A shell command line, e.g. `python3 my_solver.py`. */
  readonly command: string;
  readonly cwd?: string;
  /** Per-request timeout in milliseconds. */
  readonly timeoutMs: number;
  /**
   * Timeout of the handshake, which includes the program's start-up (imports can take seconds
   * on a loaded machine). Default: the larger of `timeoutMs` and 30 s.
   */
  readonly startTimeoutMs?: number;
  /** Bytes of stderr kept for the report (the most recent ones). Default 16 KiB. */
  readonly stderrLimit?: number;
  /** Longest stdout line accepted, in bytes (default {@link MAX_LINE_BYTES}). */
  readonly maxLineBytes?: number;
  /** Sees every line in both directions (for `--validate-protocol` transcripts). */
  readonly onMessage?: (direction: 'sent' | 'received', line: string) => void;
  /** The harness's own version, sent in the handshake. */
  readonly harnessVersion?: string;
}

/** What the implementation said about itself in the handshake. */
export interface Handshake {
  readonly protocol: number;
  readonly implementation: { readonly name: string; readonly language?: string; readonly version?: string };
  /** Implementation methods offered, and protocol capabilities (`drop`). */
  readonly capabilities: readonly (Capability | ProtocolCapability)[];
  /** Since 1.2: the declared kink convention (absent: relucheck's default, 1). */
  readonly reluAtZero?: ReluAtZero;
  /** Since 1.2: the declared arithmetic (absent: float64). */
  readonly precision?: Precision;
}

interface Pending {
  readonly cmd: Command;
  readonly resolve: (result: Record<string, unknown>) => void;
  readonly reject: (fault: ImplementationFault) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * The longest message line accepted from an implementation: 64 MiB. The largest legitimate
 * reply is a GD trajectory or an HVP of a large model, a few MB of base64 (d K = 10^6 float64
 * values are 10.7 MB); a line that grows past this without a newline is a runaway print, and
 * buffering it would take the harness's memory with it (a 300 MB line used to be held whole).
 */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

/**
 * How long after the implementation's process exits its stdout may stay open. A grandchild
 * that inherited the pipes (in the same process group or after setsid) can hold them for
 * ever; the conversation ends with the process, after this grace for replies still in the pipe.
 */
const EXIT_DRAIN_MS = 200;

const live = new Set<ChildConnection>();
let exitHookInstalled = false;

/** A supervised child process speaking the relucheck protocol. */
export class ChildConnection {
  /** The fatal fault that ended the conversation, if any. */
  fault: ImplementationFault | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private stderr = '';
  private closing = false;
  private exited = false;
  private readonly exitPromise: Promise<void>;
  private handshakeDone = false;
  /** The inodes of the child's stdio pipes (Linux), to find holders that left the group. */
  private pipes: Set<string> = new Set();

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly options: ConnectionOptions,
  ) {
    const limit = options.stderrLimit ?? 16_384;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-limit);
    });
    child.stdin.on('error', () => {
      /* EPIPE after the child died: its exit is reported by 'close' below. */
    });
    this.readLines(options.maxLineBytes ?? MAX_LINE_BYTES);
    this.pipes = stdioInodes(child.pid);
    this.exitPromise = new Promise((resolve) => {
      let ended = false;
      const gone = (code: number | null, signal: NodeJS.Signals | null) => {
        if (ended) return;
        ended = true;
        this.exited = true;
        live.delete(this);
        if (!this.closing) {
          const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
          const during = this.describePending();
          this.fatal(this.handshakeDone ? 'exited' : 'start', `implementation ${how}${during}`);
        }
        this.kill(); // what it left behind in its group
        resolve();
      };
      child.on('error', (err) => {
        this.exited = true;
        this.fatal(this.handshakeDone ? 'exited' : 'start', `could not run ${JSON.stringify(options.command)}: ${err.message}`);
        ended = true;
        resolve();
      });
      // 'close' waits for every holder of the pipes; 'exit' is the process itself. After exit,
      // replies still in the pipe get a short grace, then the conversation is over.
      child.on('exit', (code, signal) => {
        setTimeout(() => gone(code, signal), EXIT_DRAIN_MS).unref();
      });
      child.on('close', (code, signal) => gone(code, signal));
    });
  }

  /**
   * Splits stdout into lines without readline, whose buffer grows without bound: a line longer
   * than `maxBytes` ends the conversation. End of stdout while the process lives on ends it too
   * (no reply can come), after a short wait in case the process is exiting.
   */
  private readLines(maxBytes: number): void {
    let parts: Buffer[] = [];
    let size = 0;
    this.child.stdout.on('data', (chunk: Buffer) => {
      if (this.fault) return;
      let start = 0;
      for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
        parts.push(chunk.subarray(start, nl));
        const line = Buffer.concat(parts).toString('utf8');
        parts = [];
        size = 0;
        start = nl + 1;
        this.onLine(line);
        if (this.fault) return;
      }
      if (start < chunk.length) {
        size += chunk.length - start;
        if (size > maxBytes) {
          parts = [];
          this.fatal('not-json', `printed a line longer than ${maxBytes} bytes on stdout without a newline (the limit of one message; a runaway print?)`);
          return;
        }
        parts.push(chunk.subarray(start));
      }
    });
    this.child.stdout.on('end', () => {
      if (this.closing || this.exited || this.fault) return;
      setTimeout(() => {
        if (!this.closing && !this.exited && !this.fault) {
          this.fatal(this.handshakeDone ? 'exited' : 'start', `implementation closed its stdout but kept running${this.describePending()}`);
        }
      }, EXIT_DRAIN_MS).unref();
    });
  }

  /**
   * Starts `options.command` and performs the handshake. Rejects with a fatal
   * ImplementationFault (kind `start`, `version`, `schema`, `timeout`, ...) on failure.
   */
  static async open(options: ConnectionOptions): Promise<{ connection: ChildConnection; handshake: Handshake }> {
    installExitHook();
    const child = spawn(options.command, {
      shell: true,
      detached: true, // own process group: one kill reaches the shell and what it started
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const connection = new ChildConnection(child, options);
    live.add(connection);
    const startTimeout = options.startTimeoutMs ?? Math.max(options.timeoutMs, 30_000);
    const result = await connection.request('start', {
      protocol: PROTOCOL_VERSION,
      harness: { name: 'relucheck', version: options.harnessVersion ?? 'unknown' },
    }, startTimeout).catch((err: unknown) => {
      if (err instanceof ImplementationFault && err.kind === 'error-reply') {
        connection.fatal('start', `implementation refused the handshake: ${err.message}`);
        throw connection.fault;
      }
      if (err instanceof ImplementationFault && !err.fatal) {
        connection.fatal(err.kind, `handshake failed: ${err.message}`);
        throw connection.fault;
      }
      throw err;
    });
    const handshake = result as unknown as Handshake;
    if (handshake.protocol !== PROTOCOL_VERSION) {
      connection.fatal(
        'version',
        `implementation speaks protocol version ${handshake.protocol}; relucheck speaks ${PROTOCOL_VERSION}`,
      );
      throw connection.fault;
    }
    connection.handshakeDone = true;
    return { connection, handshake };
  }

  /** The child's process id (also its process group id). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** True until close() starts or a fatal fault ends the conversation: requests may be sent. */
  get open(): boolean {
    return !this.closing && !this.fault;
  }

  /** The most recent stderr output (bounded). */
  stderrTail(): string {
    return this.stderr;
  }

  /** Sends a request and resolves to its `result` object. */
  request(cmd: Command, fields: Record<string, unknown>, timeoutMs = this.options.timeoutMs): Promise<Record<string, unknown>> {
    if (this.fault) {
      return Promise.reject(
        new ImplementationFault(this.fault.kind, `implementation is no longer running (${this.fault.message})`, true, this.stderr),
      );
    }
    const id = this.nextId++;
    const message = { cmd, id, ...fields };
    const invalid = protocolValidator().request(message);
    if (invalid) throw new Error(`relucheck bug: harness message breaks the schema: ${invalid}`);
    const line = JSON.stringify(message);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fatal('timeout', `no reply to ${cmd} (id ${id}) within ${timeoutMs} ms`);
      }, timeoutMs);
      this.pending.set(id, { cmd, resolve, reject, timer });
      this.options.onMessage?.('sent', line);
      this.child.stdin.write(`${line}\n`);
    });
  }

  /** Sends `stop`, waits briefly for a clean exit, then kills the process group. Idempotent. */
  async close(graceMs = 1000): Promise<void> {
    if (this.closing) return this.exitPromise;
    this.closing = true;
    if (!this.exited && !this.fault) {
      const line = JSON.stringify({ cmd: 'stop', id: this.nextId++ });
      this.options.onMessage?.('sent', line);
      this.child.stdin.write(`${line}\n`);
      this.child.stdin.end();
      const timer = setTimeout(() => this.kill(), graceMs);
      await this.exitPromise;
      clearTimeout(timer);
    }
    this.kill(); // stray grandchildren too
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
    // 'close' waits for stdio to close; a grandchild that left the process group could hold
    // the pipes forever, so bound the wait (the child itself is dead by now).
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.exitPromise, new Promise<void>((r) => (timer = setTimeout(r, graceMs)))]);
    clearTimeout(timer);
  }

  private onLine(raw: string): void {
    if (this.fault) return;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return; // blank lines are allowed and ignored
    this.options.onMessage?.('received', line);
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      this.fatal('not-json', `printed a line that is not JSON on stdout: ${snippet(line)} (use stderr for logs)`);
      return;
    }
    const id = (message as { id?: unknown } | null)?.id;
    const pending = typeof id === 'number' ? this.pending.get(id) : undefined;
    if (!pending) {
      const expected = [...this.pending.entries()].map(([i, p]) => `${p.cmd} id ${i}`).join(', ') || 'none';
      this.fatal('wrong-id', `replied with id ${JSON.stringify(id)} but the pending requests are: ${expected}. Message: ${snippet(line)}`);
      return;
    }
    this.pending.delete(id as number);
    clearTimeout(pending.timer);
    const invalid = protocolValidator().response(pending.cmd, message);
    if (invalid) {
      pending.reject(new ImplementationFault('schema', `reply to ${pending.cmd} (id ${id}): ${invalid}. Message: ${snippet(line)}`, false, this.stderr));
      return;
    }
    const error = (message as { error?: { message: string; detail?: string } }).error;
    if (error) {
      const detail = error.detail ? `\n${tail(error.detail, 2000)}` : '';
      pending.reject(new ImplementationFault('error-reply', `${pending.cmd} (id ${id}) failed: ${error.message}${detail}`, false, this.stderr));
      return;
    }
    pending.resolve((message as { result: Record<string, unknown> }).result);
  }

  private describePending(): string {
    const first = this.pending.entries().next();
    return first.done ? '' : ` while answering ${first.value[1].cmd} (id ${first.value[0]})`;
  }

  /** Ends the conversation: records the fault, rejects every pending request, kills the child. */
  private fatal(kind: FaultKind, message: string): void {
    if (this.fault) return;
    this.fault = new ImplementationFault(kind, message, true, this.stderr);
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(this.fault);
    }
    this.pending.clear();
    this.kill();
  }

  private kill(): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    if (this.exited) killPipeHolders(this.pipes); // leftovers outside the group (setsid)
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      try {
        this.child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }

  /** Kills every live child (the harness is exiting). */
  static killAll(): void {
    for (const c of live) c.kill();
  }
}

/**
 * Kills every live child when relucheck ends: on 'exit', and on SIGINT, SIGTERM and SIGHUP,
 * which end Node without an 'exit' event (a server that ignores end of input kept running
 * after Ctrl-C). When no one else listens for the signal, the signal is raised again after the
 * cleanup, so relucheck still dies of it (exit status 128 + n, as the caller expects).
 */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => ChildConnection.killAll());
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      ChildConnection.killAll();
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}

function snippet(text: string, max = 200): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}...` : text);
}

function tail(text: string, max: number): string {
  return text.length > max ? `...${text.slice(-max)}` : text;
}

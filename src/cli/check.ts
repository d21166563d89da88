/**
 * `relucheck check`: runs relucheck's claims (or the golden fixtures, or a protocol
 * conformance session) against a user's implementation: a JavaScript module (`--impl`) or
 * any program speaking the protocol of docs/protocol.md (`--cmd`).
 *
 * @example
 * ```sh
 * relucheck check --cmd "python3 examples/python/relucheck_server.py"
 * relucheck check --impl ./solver.mjs --fixtures --json
 * ```
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOptions } from './parseOptions.js';
import type { Claim, Tier } from '../../properties/Claim.js';
import { claimOptionsFromEnv, DEFAULT_SEED } from '../../properties/environment.js';
import { isFault, type ImplementationFault } from '../impl/ImplementationFault.js';
import { DEFAULT_RELU_AT_ZERO, PRECISIONS, type Precision, type ReluAtZero } from '../impl/Implementation.js';
import { workerModuleImplementation } from '../impl/workerModuleImplementation.js';
import { processImplementation } from '../impl/processImplementation.js';
import { runClaimsCheck, shellQuote, type SupervisedImplementation } from '../check/runClaimsCheck.js';
import { nothingCheckedText, renderSummary, renderVerdict } from '../check/renderClaimsReport.js';
import { validateProtocol } from '../check/validateProtocol.js';
import { dumpFailingCase, failingCaseJson } from '../check/dumpFailingCase.js';
import { prepareOutputDirectory, prepareOutputFile } from './outputDirectory.js';
import { claimsJunit, fixturesJunit, startFaultJunit, type JunitSuite } from '../check/junitReport.js';
import { writeFileAtomic } from '../check/writeFileAtomic.js';
import { progressReporter } from '../check/progressReporter.js';
import { moduleOutputForwarder } from '../check/moduleOutput.js';
import { FixtureFormatError, loadFixtureDirectory, type FixtureFile } from '../fixtures/fixtureFile.js';
import { fail } from '../core/validate.js';
import { capLength, displayBlock, displayLine, DISPLAY_LIMITS } from '../core/displayText.js';
import { caseTitle, runFixtures } from '../fixtures/runFixtures.js';
import { groupNotApplicable, notApplicableLine } from '../fixtures/notApplicableGroups.js';
import { PROTOCOL_VERSION } from '../protocol/messages.js';
import { LIMITS, moduleFileOption, nonEmptyOption, parseIntegerOption, parseReplayPath } from './optionValues.js';
import { EXIT, UsageError, type CliIo, type Command } from './usage.js';

const TIERS: readonly Tier[] = ['quick', 'default', 'thorough'];
const DEFAULT_TIMEOUT_MS = 30_000;

/** Where `check` finds its claims; replaced in specs. */
export type ClaimsLoader = () => Promise<readonly Claim[] | undefined>;

/**
 * The property suite's claims (properties/index.ts), or undefined when this build has none.
 * The specifier is computed so the command compiles before the suite exists.
 */
export const loadSuiteClaims: ClaimsLoader = async () => {
  const specifier = ['..', '..', 'properties', 'index.js'].join('/');
  try {
    const mod = (await import(specifier)) as { claims?: readonly Claim[] };
    return mod.claims;
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw err;
  }
};

/** The environment `check` reads RELUCHECK_SEED / RELUCHECK_TIER from; replaced in specs. */
export type CheckEnvironment = Readonly<Record<string, string | undefined>>;

/**
 * Builds the command with a claims loader and an environment (specs inject their own).
 * @example await makeCheckCommand(async () => [myClaim], {}).run(['--impl', './s.mjs'], io)
 */
export function makeCheckCommand(loadClaims: ClaimsLoader = loadSuiteClaims, env: CheckEnvironment = process.env): Command {
  return {
    name: 'check',
    summary: "run relucheck's claims or the golden fixtures against your implementation",
    help: HELP,
    run: (argv, io) => runCheck(argv, io, loadClaims, env),
  };
}

const HELP = `relucheck check (--impl MODULE | --cmd "COMMAND") [options]
       relucheck check --list [--json]

Runs relucheck's claims against an implementation and prints a verdict per claim:
passed, failed (with a counterexample and a replay command), not applicable (a capability
is missing) or errored (the implementation crashed, hung or broke the protocol).

  --impl MODULE          a JavaScript module exporting an Implementation (default export,
                         or "implementation"), or a factory returning one. It runs on a
                         worker thread: a call that outlives --timeout (a synchronous
                         endless loop included) stops it with a timeout verdict, and the
                         next claim gets a fresh worker. What it prints goes to stderr
  --cmd "COMMAND"        a program speaking the relucheck protocol on stdin/stdout
                         (docs/protocol.md), e.g. "python3 my_solver.py". COMMAND is run by
                         /bin/sh -c in its own process group (quote as for a shell; the
                         group is killed when the check ends or is interrupted)
  --fixtures             run the golden fixtures (fixtures/*.json) instead of the claims
  --fixtures-dir DIR     fixture folder (default: the package's fixtures/)
  --validate-protocol    (--cmd only) exchange one request per capability, validate every
                         message against schemas/protocol/ and report the first violation
  --claim ID             run only this claim (repeatable)
  --list                 list the claims (id, title, citation, capabilities needed) and
                         exit; needs no implementation. With --json: one JSON document
  --seed S               master seed (default: RELUCHECK_SEED, else ${DEFAULT_SEED}, the suite's);
                         every failure prints its replay
  --tier T               quick | default | thorough (default: RELUCHECK_TIER, else default)
  --num-runs N           cases per claim (overrides the tier)
  --path P               replay one counterexample (with a single --claim)
  --precision P          float64 | float32: the arithmetic the rounding bounds and fixture
                         tolerances assume (u = 2^-53 or 2^-24). Default: RELUCHECK_PRECISION,
                         else what the implementation declares (handshake/Implementation
                         \`precision\`), else float64. Claims whose analysis does not carry
                         over to float32 are reported not applicable, with the reason
  --relu-at-zero V       0 | 1: the kink convention relu'(0) the exact-kink claims and fixtures
                         hold the implementation to (0: the z > 0 mask of PyTorch, TensorFlow,
                         JAX; 1: z >= 0). Default: what the implementation declares
                         (handshake/Implementation \`reluAtZero\`), else 1
  --timeout MS           per-request timeout (default ${DEFAULT_TIMEOUT_MS})
  --json                 one JSON document on stdout instead of the human summary
  --dump-case DIR        write each failed claim's shrunk case to DIR/<claim id>/: case.json
                         (inputs, relucheck's expected answer, the implementation's actual
                         one, seed, replay), bit-exact .npy files of every array and
                         load_case.py, which loads them in NumPy (W is d x K, X is N x d)
  --junit FILE           also write JUnit XML for CI dashboards to FILE (written whole or not
                         at all): a test case per claim or fixture case, failures with the
                         message, diagnosis and replay line, not applicable as skipped
  --pass-with-none       exit 0 when no claim (or fixture case) applied; by default a run
                         that checked nothing exits 1 (like vitest's --passWithNoTests)

Exit codes: 0 every applicable claim (or case) held, 1 one failed or nothing was checked,
2 usage or protocol error, 3 relucheck could not write its output (--dump-case on a full disk).`;

async function runCheck(argv: readonly string[], io: CliIo, loadClaims: ClaimsLoader, env: CheckEnvironment): Promise<number> {
  const { values } = parseOptions({
    args: [...argv],
    options: {
      impl: { type: 'string' },
      cmd: { type: 'string' },
      fixtures: { type: 'boolean', default: false },
      'fixtures-dir': { type: 'string' },
      'validate-protocol': { type: 'boolean', default: false },
      claim: { type: 'string', multiple: true },
      seed: { type: 'string' },
      tier: { type: 'string' },
      'num-runs': { type: 'string' },
      path: { type: 'string' },
      precision: { type: 'string' },
      'relu-at-zero': { type: 'string' },
      timeout: { type: 'string' },
      json: { type: 'boolean', default: false },
      'dump-case': { type: 'string' },
      'pass-with-none': { type: 'boolean', default: false },
      junit: { type: 'string' },
      list: { type: 'boolean', default: false },
    },
  });
  if (values.list) return listClaims(await loadClaims(), values.json, io);
  const passWithNone = values['pass-with-none'];
  if ((values.impl === undefined) === (values.cmd === undefined)) {
    throw new UsageError('give exactly one of --impl MODULE or --cmd "COMMAND"');
  }
  const fromEnv = environmentOptions(env);
  if (values.cmd !== undefined) nonEmptyOption('--cmd', values.cmd, 'a command line run by /bin/sh (e.g. "python3 my_solver.py")');
  if (values.impl !== undefined) moduleFileOption('--impl', values.impl);
  const seed = values.seed === undefined ? fromEnv.seed : parseIntegerOption('--seed', values.seed, LIMITS.seed);
  const timeoutMs = values.timeout === undefined ? DEFAULT_TIMEOUT_MS : parseIntegerOption('--timeout', values.timeout, LIMITS.timeoutMs);
  const numRuns = values['num-runs'] === undefined ? undefined : parseIntegerOption('--num-runs', values['num-runs'], LIMITS.numRuns);
  if (values.path !== undefined) parseReplayPath('--path', values.path);
  const tier = (values.tier ?? fromEnv.tier) as Tier;
  if (!TIERS.includes(tier)) throw new UsageError(`--tier must be one of ${TIERS.join(', ')}; got ${JSON.stringify(values.tier)}`);
  if (values.path !== undefined && values.claim?.length !== 1) throw new UsageError('--path needs exactly one --claim');
  if (values.precision !== undefined && !PRECISIONS.includes(values.precision as Precision)) {
    throw new UsageError(`--precision must be one of ${PRECISIONS.join(', ')}; got ${JSON.stringify(values.precision)}`);
  }
  const requestedPrecision = (values.precision ?? fromEnv.precision) as Precision | undefined;
  const requestedKink = values['relu-at-zero'] === undefined ? undefined : parseReluAtZero(values['relu-at-zero']);
  if (values['fixtures-dir'] !== undefined && !values.fixtures) throw new UsageError('--fixtures-dir needs --fixtures (without it the claims run, and the folder would be ignored)');
  if (values['validate-protocol'] && values.cmd === undefined) throw new UsageError('--validate-protocol needs --cmd (a module has no protocol)');
  if (values['validate-protocol'] && values.fixtures) throw new UsageError('--validate-protocol and --fixtures are separate modes');
  if (values['dump-case'] !== undefined && (values.fixtures || values['validate-protocol'])) {
    throw new UsageError('--dump-case writes failed claims\' cases; it does not apply to --fixtures or --validate-protocol');
  }
  // Checked (and created) before anything runs: a bad folder is a usage error, not a lost case.
  const dumpDir = values['dump-case'] === undefined ? undefined : prepareOutputDirectory('--dump-case', values['dump-case']);
  if (values.junit !== undefined && values['validate-protocol']) throw new UsageError('--junit reports claims or fixture cases; it does not apply to --validate-protocol');
  const junitFile = values.junit === undefined ? undefined : prepareOutputFile('--junit', values.junit);
  const started = { ms: performance.now(), iso: new Date().toISOString() };
  const junitSuite = (name: string, properties: Record<string, string>): JunitSuite => ({
    suite: `relucheck check: ${name}`, properties: { source, ...properties }, seconds: (performance.now() - started.ms) / 1000, timestamp: started.iso,
  });
  const writeJunit = (xml: (suite: JunitSuite) => string, properties: Record<string, string>) => {
    if (junitFile === undefined) return;
    writeFileAtomic(junitFile, xml(junitSuite(describeImpl.name, properties)));
    out(`JUnit XML written to ${junitFile}\n`);
  };

  const source = values.cmd !== undefined ? `--cmd ${shellQuote(values.cmd)}` : `--impl ${shellQuote(values.impl!)}`;
  const timeoutArg = values.timeout === undefined ? '' : ` --timeout ${timeoutMs}`;
  // The convention asked for is part of what a replay must reproduce.
  const kinkArg = requestedKink === undefined ? '' : ` --relu-at-zero ${requestedKink}`;
  const replayPrefix = `relucheck check ${source}${timeoutArg}${kinkArg}`;
  // A module's prints, escaped and capped on stderr; the progress bar (once there is one) is
  // erased first so a line never lands in the middle of it.
  let clearProgress = () => {};
  const moduleOutput = moduleOutputForwarder({ write: io.stderr, before: () => clearProgress() });
  const connect = async (): Promise<SupervisedImplementation> =>
    values.cmd !== undefined
      ? processImplementation({ command: values.cmd, timeoutMs, harnessVersion: PROTOCOL_VERSION.toString() })
      : workerModuleImplementation({ path: values.impl!, timeoutMs, onOutput: moduleOutput });
  const out = (text: string) => {
    if (!values.json) io.stdout(text);
  };

  if (values['validate-protocol']) return runValidateProtocol(values.cmd!, timeoutMs, values.json, io);

  let claims: readonly Claim[] = [];
  if (!values.fixtures) {
    const all = await loadClaims();
    if (all === undefined) {
      io.stderr('relucheck check: this build has no property suite (properties/index.ts); use --fixtures.\n');
      return EXIT.usage;
    }
    claims = all;
    if (values.claim) {
      const unknown = values.claim.filter((id) => !all.some((c) => c.id === id));
      if (unknown.length > 0) {
        throw new UsageError(`unknown claim ${unknown.map((u) => JSON.stringify(u)).join(', ')}; known: ${all.map((c) => c.id).join(', ')}`);
      }
      claims = all.filter((c) => values.claim!.includes(c.id));
    }
  }

  // Fixtures are read before the implementation starts: a corrupt file is a usage error about
  // that file, never a verdict on the implementation.
  const fixtureFiles = values.fixtures ? readFixtures(values['fixtures-dir'] ?? packageFolder('fixtures')) : undefined;

  let first: SupervisedImplementation;
  try {
    first = await connect();
  } catch (err) {
    if (!isFault(err)) throw err;
    if (junitFile !== undefined) {
      writeFileAtomic(junitFile, startFaultJunit(err, junitSuite(values.cmd ?? values.impl!, {})));
    }
    return reportStartFault(err, values.json, io);
  }
  const describeImpl = implementationInfo(first, values.cmd ?? values.impl!);
  out(`relucheck check: ${displayLine(describeImpl.name, DISPLAY_LIMITS.name + describeImpl.source.length + 3)}\n  capabilities: ${describeImpl.capabilities.join(', ') || '(none)'}\n`);
  const precision = precisionInfo(requestedPrecision, values.precision !== undefined, first);
  out(`  ${precisionText(precision)}\n`);
  const kinkConvention = {
    reluAtZero: requestedKink ?? first.reluAtZero ?? DEFAULT_RELU_AT_ZERO,
    from: requestedKink !== undefined ? '--relu-at-zero' : first.reluAtZero !== undefined ? 'declared by the implementation' : 'default',
  };
  out(`  kink convention relu'(0) = ${kinkConvention.reluAtZero} (${kinkConvention.reluAtZero === 0 ? 'z > 0' : 'z >= 0'} mask, ${kinkConvention.from})\n`);

  if (values.fixtures) {
    try {
      const { dir, files } = fixtureFiles!;
      const report = await runFixtures(first, files, {}, { precision: precision.precision, ...(requestedKink === undefined ? {} : { reluAtZero: requestedKink }) });
      const c = report.counts;
      const nothingChecked = c.passed + c.failed + c.errored === 0;
      const exitCode =
        c.errored > 0 ? EXIT.usage : c.failed > 0 || (nothingChecked && !passWithNone) ? EXIT.claimFailed : EXIT.ok;
      if (values.json) {
        io.stdout(`${JSON.stringify({ implementation: describeImpl, mode: 'fixtures', precision, kinkConvention, cases: report.cases, counts: c, nothingChecked, exitCode }, null, 2)}\n`);
      } else {
        out(`  fixtures: ${dir}\n\n`);
        for (const r of report.cases) {
          if (r.status === 'not-applicable') continue; // grouped below, one line per file, type and reason
          const label = { passed: 'PASS ', failed: 'FAIL ', errored: 'ERROR' }[r.status];
          out(`${label} ${caseTitle(r)}\n`);
          for (const m of r.mismatches) out(`${pad(displayBlock(`case ${r.id}, ${m.message}`))}\n`);
          if (r.error) out(`${pad(displayBlock(r.error))}\n`);
          if (r.hint) out(`${pad(displayBlock(r.hint))}\n`);
        }
        for (const g of groupNotApplicable(report.cases)) out(`N/A   ${displayLine(notApplicableLine(g), DISPLAY_LIMITS.block)}\n`);
        out(`\n${c.passed} passed, ${c.failed} failed, ${c['not-applicable']} not applicable, ${c.errored} errored\n`);
        if (nothingChecked) out(nothingCheckedText(passWithNone, 'fixture case'));
      }
      writeJunit((suite) => fixturesJunit(report.cases, suite), { fixtures: dir, precision: precision.precision });
      return exitCode;
    } finally {
      await first.close?.();
    }
  }

  out(`  seed ${seed}, tier ${tier}, timeout ${timeoutMs} ms, ${claims.length} claims\n\n`);
  let reused: SupervisedImplementation | undefined = first;
  // On stderr: stdout may be a --json document.
  const progress = progressReporter({ write: io.stderr, isTTY: io.isTTY });
  clearProgress = progress.clear;
  const report = await runClaimsCheck({
    connect: async () => {
      const impl = reused ?? (await connect());
      reused = undefined;
      return impl;
    },
    claims,
    seed,
    tier,
    numRuns,
    path: values.path,
    ...(requestedPrecision === undefined ? {} : { precision: requestedPrecision }),
    ...(requestedKink === undefined ? {} : { reluAtZero: requestedKink }),
    replayPrefix,
    passWithNone,
    onProgress: progress.onProgress,
    onVerdict: (v) => {
      progress.clear();
      out(renderVerdict(v));
      const folder = dumpDir === undefined ? undefined : dumpFailingCase(dumpDir, v);
      if (folder !== undefined) out(`      failing case written to ${folder}/ (python3 ${folder}/load_case.py)\n`);
    },
  });
  if (values.json) {
    const { counts, nothingChecked, exitCode } = report;
    // Float64Arrays of the failing cases as lists (JSON.stringify would write {"0": ...}).
    const verdicts = report.verdicts.map((v) => (v.failingCase === undefined ? v : { ...v, failingCase: failingCaseJson(v.failingCase) }));
    io.stdout(`${JSON.stringify({ implementation: describeImpl, mode: 'claims', seed, tier, precision, kinkConvention, verdicts, counts, nothingChecked, exitCode }, null, 2)}\n`);
  } else {
    out(`\n${renderSummary(report, passWithNone)}`);
  }
  writeJunit((suite) => claimsJunit(report.verdicts, suite), {
    seed: String(seed),
    tier,
    precision: precision.precision,
    ...(numRuns === undefined ? {} : { numRuns: String(numRuns) }),
  });
  return report.exitCode;
}

/** The fixture files of `dir`; a missing, empty or corrupt folder is a usage error naming the file. */
function readFixtures(dir: string): { dir: string; files: FixtureFile[] } {
  if (!existsSync(dir)) fail('--fixtures-dir', '--fixtures-dir must be an existing folder of fixture files', dir);
  if (!statSync(dir).isDirectory()) fail('--fixtures-dir', '--fixtures-dir must be a folder, not a file', dir);
  let files: FixtureFile[];
  try {
    files = loadFixtureDirectory(dir);
  } catch (err) {
    if (err instanceof FixtureFormatError) fail('--fixtures-dir', `a fixture file is malformed: ${err.message}`, dir);
    throw err;
  }
  if (files.length === 0) fail('--fixtures-dir', '--fixtures-dir must hold at least one fixture file (*.json)', dir);
  if (files.every((f) => f.groups.every((g) => g.cases.length === 0))) fail('--fixtures-dir', 'the fixture files hold no case', dir);
  return { dir, files };
}

/**
 * `--list`: what a runner needs to offer one test per claim (the pytest plugin collects from
 * it) without starting an implementation.
 */
function listClaims(claims: readonly Claim[] | undefined, json: boolean, io: CliIo): number {
  if (claims === undefined) {
    io.stderr('relucheck check: this build has no property suite (properties/index.ts)\n');
    return EXIT.usage;
  }
  const listed = claims.map((c) => ({
    id: c.id,
    title: c.title,
    citation: `${c.citation.paper}, ${c.citation.where}`,
    needs: [...c.needs],
    falseAlarmBudget: c.falseAlarmBudget,
    ...(c.falseAlarmBudgets === undefined ? {} : { falseAlarmBudgets: c.falseAlarmBudgets }),
    ...(c.ranges === undefined ? {} : { ranges: c.ranges }),
    ...(c.notApplicableAt === undefined ? {} : { notApplicableAt: c.notApplicableAt }),
  }));
  if (json) {
    io.stdout(`${JSON.stringify({ mode: 'list', claims: listed }, null, 2)}\n`);
    return EXIT.ok;
  }
  const width = Math.max(0, ...listed.map((c) => c.id.length));
  for (const c of listed) {
    io.stdout(`${c.id.padEnd(width)}  ${c.title} (${c.citation}); needs ${c.needs.join(', ') || 'nothing'}\n`);
    if (c.ranges !== undefined) io.stdout(`${' '.repeat(width)}  draws ${Object.entries(c.ranges).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
  }
  return EXIT.ok;
}

/** Which arithmetic a run assumes and where that came from (printed, and in --json). */
interface PrecisionInfo {
  readonly precision: Precision;
  readonly unitRoundoff: string;
  readonly from: '--precision' | 'RELUCHECK_PRECISION' | 'declared by the implementation' | 'default';
}

function precisionInfo(requested: Precision | undefined, byFlag: boolean, impl: SupervisedImplementation): PrecisionInfo {
  const precision = requested ?? impl.precision ?? 'float64';
  const from =
    requested !== undefined ? (byFlag ? '--precision' : 'RELUCHECK_PRECISION') : impl.precision !== undefined ? 'declared by the implementation' : 'default';
  return { precision, unitRoundoff: precision === 'float32' ? '2^-24' : '2^-53', from };
}

function precisionText(p: PrecisionInfo): string {
  return `precision ${p.precision} (u = ${p.unitRoundoff}, ${p.from})`;
}

/** `--relu-at-zero`'s value: exactly "0" or "1". @example parseReluAtZero('0') === 0 */
function parseReluAtZero(text: string): ReluAtZero {
  if (text === '0' || text === '1') return Number(text) as ReluAtZero;
  throw new UsageError(`--relu-at-zero must be 0 (the z > 0 mask of PyTorch, TensorFlow, JAX) or 1 (z >= 0); got ${JSON.stringify(text)}`);
}

/** Seed, tier and precision from RELUCHECK_SEED / _TIER / _PRECISION, validated as the suite does; a bad value is a usage error. */
function environmentOptions(env: CheckEnvironment): { seed: number; tier: Tier; precision?: Precision } {
  try {
    const { seed, tier, precision } = claimOptionsFromEnv({
      RELUCHECK_SEED: env.RELUCHECK_SEED,
      RELUCHECK_TIER: env.RELUCHECK_TIER,
      RELUCHECK_PRECISION: env.RELUCHECK_PRECISION,
    });
    return { seed, tier, ...(precision === undefined ? {} : { precision }) };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/**
 * The implementation as --json describes it. Its name and self-description are its own text:
 * capped (JSON escapes the control characters itself), so a 1 MB name cannot make a 1 MB
 * document.
 */
function implementationInfo(impl: SupervisedImplementation, source: string) {
  const handshake = (impl as { handshake?: { protocol: number; implementation: Record<string, unknown> } }).handshake;
  const about = handshake
    ? Object.fromEntries(
        Object.entries(handshake.implementation).map(([k, v]) => [k, typeof v === 'string' ? capLength(v, DISPLAY_LIMITS.name) : v]),
      )
    : undefined;
  return {
    name: capLength(impl.name, DISPLAY_LIMITS.name + source.length + 3),
    source,
    capabilities: [...impl.capabilities],
    ...(handshake ? { protocol: handshake.protocol, about } : {}),
  };
}

/** Indents every line of an already escaped block under a verdict. */
function pad(block: string, by = '      '): string {
  return block.split('\n').map((l) => `${by}${l}`).join('\n');
}

function reportStartFault(err: ImplementationFault, json: boolean, io: CliIo): number {
  if (json) {
    io.stdout(`${JSON.stringify({ error: { kind: err.kind, message: capLength(err.message, DISPLAY_LIMITS.block), stderr: err.stderr }, exitCode: EXIT.usage }, null, 2)}\n`);
  } else {
    io.stderr(`relucheck check: ERROR (${err.kind}) ${displayBlock(err.message).replace(/\n/g, '\n  ')}\n`);
    if (err.stderr) io.stderr(`stderr of the implementation (last lines):\n${indentTail(err.stderr)}\n`);
  }
  return EXIT.usage;
}

async function runValidateProtocol(command: string, timeoutMs: number, json: boolean, io: CliIo): Promise<number> {
  const result = await validateProtocol({ command, timeoutMs, harnessVersion: PROTOCOL_VERSION.toString() });
  const exitCode = result.ok ? EXIT.ok : EXIT.usage;
  if (json) {
    io.stdout(`${JSON.stringify({ mode: 'validate-protocol', ...result, exitCode }, null, 2)}\n`);
    return exitCode;
  }
  io.stdout(`relucheck check --validate-protocol: ${command}\n`);
  for (const s of result.steps) io.stdout(`  ${s.outcome === 'ok' ? 'ok   ' : 'FAIL '} ${s.request}${s.outcome === 'ok' ? '' : `: ${displayLine(s.outcome, DISPLAY_LIMITS.block)}`}\n`);
  if (result.ok) {
    io.stdout(`protocol OK: ${result.messages} messages, every one valid against schemas/protocol/\n`);
  } else {
    const v = result.firstViolation!;
    io.stdout(`first violation (${v.kind}): ${displayLine(v.reason, DISPLAY_LIMITS.block)}\n`);
    if (v.message) io.stdout(`  message #${v.message.n} (${v.message.direction}): ${displayLine(v.message.line, 300)}\n`);
    if (v.stderr) io.stdout(`stderr of the implementation (last lines):\n${indentTail(v.stderr)}\n`);
  }
  return exitCode;
}

function indentTail(text: string): string {
  return pad(displayBlock(text, { maxLines: 12, maxLineLength: DISPLAY_LIMITS.line }), '  ');
}

/** A folder of the package (fixtures/), found by walking up from this file. */
function packageFolder(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, name);
    dir = dirname(dir);
  }
  return join(process.cwd(), name);
}

/** The registered command. */
export const checkCommand: Command = makeCheckCommand();

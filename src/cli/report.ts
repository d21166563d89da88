/**
 * `relucheck report DIR...`: merges the results of audit directories (shards of one audit)
 * into one report, written to --out (default: the first DIR).
 *
 * @example
 * ```sh
 * relucheck report shard1 shard2 --out merged
 * ```
 */
import { parseOptions } from './parseOptions.js';
import { writeReport } from '../audit/report/writeReport.js';
import { prepareOutputDirectory } from './outputDirectory.js';
import { EXIT, UsageError, type CliIo, type Command } from './usage.js';

/** The report subcommand. */
export const reportCommand: Command = {
  name: 'report',
  summary: 'merge audit directories (shards) into one report',
  help: `relucheck report DIR... [--out OUT]

Reads DIR/results.jsonl of every DIR (shards of one audit, same seed), and writes
OUT/report.html, OUT/report.md (with OUT/figures/*.svg), OUT/verdicts.json and, when OUT is
not one of the DIRs, OUT/results.jsonl.

Every line of every results.jsonl is checked before it is believed (shape, seed, parameters
of the planned trial, the result fields the report reads): a line that is not a record of
this relucheck is named with its number and reason and nothing is written (exit 2), as is a
DIR without results.jsonl or without any record. A torn last line (an audit killed
mid-write) is left out with a warning. Exit 3 when an output cannot be written (disk full).`,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseOptions({ args: [...argv], options: { out: { type: 'string' } }, allowPositionals: true });
    if (positionals.length === 0) throw new UsageError('give at least one audit directory');
    const out = values.out ?? positionals[0];
    prepareOutputDirectory('--out', out);
    const written = await writeReport(positionals, out, { requireRecords: true });
    for (const t of written.torn) io.stderr(`relucheck report: ${t} is a torn record (an audit killed mid-write), left out; resuming that audit reruns its trial\n`);
    io.stdout(`merged ${written.report.trials} trial(s) from ${positionals.length} dir(s); wrote ${written.html}, ${written.markdown} and ${written.verdicts}\n`);
    return EXIT.ok;
  },
};

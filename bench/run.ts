/**
 * `npm run bench`: runs every module of bench/index.ts in order (the kernel benchmark
 * first), printing their lines. Optional filter: `npm run bench -- <substring of a name>`.
 *
 * @example
 * ```sh
 * npm run bench
 * ```
 */
import { benches } from './index.js';

async function main(): Promise<void> {
  const filter = process.argv[2];
  for (const m of benches) {
    if (filter && !m.name.includes(filter)) continue;
    console.log(`\n== ${m.name} ==`);
    await m.bench((line) => console.log(line));
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

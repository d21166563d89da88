/**
 * relucheck's exit codes, shared by every command: 0 every applicable claim held, 1 a claim
 * failed, 2 bad usage or a protocol error, 3 relucheck could not write its own output (a full
 * disk, a quota, a read-only folder: core/ioError.ts), so that a CI job never mistakes a
 * runner's full disk for a failed claim. Defined below the CLI so that the check runner can
 * map verdicts to them without importing the CLI that imports it.
 *
 * @example
 * ```ts
 * process.exitCode = failed > 0 ? EXIT.claimFailed : EXIT.ok;
 * ```
 */
export const EXIT = { ok: 0, claimFailed: 1, usage: 2, io: 3 } as const;

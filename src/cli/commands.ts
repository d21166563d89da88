/**
 * The registry of subcommands. Later features add their command here and nowhere else.
 *
 * @example
 * ```ts
 * commands.find((c) => c.name === 'demo');
 * ```
 */
import { auditCommand } from './audit.js';
import { checkCommand } from './check.js';
import { demoCommand } from './demo.js';
import { infoCommand } from './info.js';
import { reportCommand } from './report.js';
import type { Command } from './usage.js';
import { zhongFig1Command } from './zhongFig1.js';

/** Every subcommand, in help order. */
export const commands: readonly Command[] = [
  demoCommand,
  auditCommand,
  reportCommand,
  checkCommand,
  zhongFig1Command,
  infoCommand,
];

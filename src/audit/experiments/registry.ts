/**
 * Every experiment of the audit, in report order. Adding one is adding it here.
 * zhongFig1 covers Zhong et al. 2017, Fig. 1(a)-(c) (squared-ReLU tensor initialization);
 * resampling compares Zhong et al.'s resampling GD with full-sample GD.
 *
 * @example
 * ```ts
 * experimentById('fig2b')?.trials('quick');
 * ```
 */
import { constants } from './constants.js';
import { fig2a } from './fig2a.js';
import { fig2b } from './fig2b.js';
import { fig2c } from './fig2c.js';
import { fig2d } from './fig2d.js';
import { zhongFig1 } from './zhongFig1.js';
import { resampling } from './resampling.js';
import type { AuditTier, Experiment, TrialSpec } from './types.js';

/** The experiments in report order. */
export const EXPERIMENTS: readonly Experiment[] = [fig2a, fig2b, fig2c, fig2d, constants, zhongFig1, resampling];

/** The experiment with this id, if any. */
export function experimentById(id: string): Experiment | undefined {
  return EXPERIMENTS.find((e) => e.id === id);
}

/** Every trial of a tier, in report order (ids are unique; checked in the spec). */
export function allTrials(tier: AuditTier): TrialSpec[] {
  return EXPERIMENTS.flatMap((e) => [...e.trials(tier)]);
}

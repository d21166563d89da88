/**
 * Turns an activation claim's property into a {@link Claim}, the way defineClaim does for the
 * ReLU claims: the title and citation come from src/theory by id (activationClaims.ts), and a
 * run is {@link checkProperty} with the claim's seed, tier and replay path. The activation
 * claims need no Implementation capability: their subject is relucheck's own activation core.
 *
 * @example
 * ```ts
 * const claim = defineActivationClaim({
 *   id: 'activation-properties', falseAlarmBudget: 0, runs: { quick: 16, default: 64, thorough: 1000 },
 *   property: () => fc.property(fc.double(), (z) => { if (!(z === z)) throw new Error('NaN'); }),
 * });
 * ```
 */
import type fc from 'fast-check';
import { claimTheory } from '../../src/theory/claims.js';
import type { Claim, Tier } from '../Claim.js';
import { checkProperty } from './checkProperty.js';

/** What an activation claim file writes; {@link defineActivationClaim} does the rest. */
export interface ActivationClaimDefinition<T> {
  /** The claim's id in src/theory/activationClaims.ts, where its title and citation live. */
  readonly id: string;
  /** Probability that one thorough run on a correct core fails (0 for exact claims). */
  readonly falseAlarmBudget: number;
  /**
   * Probability that one case fails on a correct core, when the calibration states it: each
   * tier's budget is then its cases times this (a union bound), not the thorough one everywhere.
   */
  readonly falseAlarmPerCase?: number;
  /** Cases per tier. */
  readonly runs: Readonly<Record<Tier, number>>;
  /** Builds the fast-check property afresh for each run; it throws on a broken bound. */
  property(): fc.IProperty<T>;
}

/**
 * Builds a runnable Claim from an activation claim's definition.
 * @example await defineActivationClaim(definition).run(impl, { seed: 1, tier: 'quick' })
 */
export function defineActivationClaim<T>(def: ActivationClaimDefinition<T>): Claim {
  const theory = claimTheory(def.id);
  return {
    id: def.id,
    title: theory.title,
    citation: theory.citation,
    needs: [],
    falseAlarmBudget: def.falseAlarmBudget,
    ...(def.falseAlarmPerCase === undefined
      ? {}
      : { falseAlarmBudgets: { quick: def.runs.quick * def.falseAlarmPerCase, default: def.runs.default * def.falseAlarmPerCase, thorough: def.runs.thorough * def.falseAlarmPerCase } }),
    async run(_impl, options) {
      return checkProperty(def.property(), options, def.id, def.runs);
    },
  };
}

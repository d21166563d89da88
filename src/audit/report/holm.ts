/**
 * Family-wise error control across the report's verdicts (Holm 1979): the verdicts that carry
 * a test (Verdict.test) form one family; sorted by p-value, the i-th smallest (1-based, of m)
 * is rejected when it and every smaller one satisfy p_(j) <= level / (m - j + 1). A "not
 * supported" whose claim Holm does not reject becomes "inconclusive", with the reason, so the
 * chance that any true claim of the report is called "not supported" is at most `level`
 * (whatever the dependence between the tests).
 *
 * @example
 * ```ts
 * const { verdicts, family } = applyHolm(report.verdicts, FAMILYWISE_LEVEL);
 * ```
 */
import { fmt } from '../experiments/stats.js';
import type { Verdict } from '../experiments/types.js';

/** The report's family-wise level: at most a 5% chance of any false "not supported". */
export const FAMILYWISE_LEVEL = 0.05;

/** What the correction did, for the report's header. */
export interface Family {
  readonly method: 'Holm';
  readonly level: number;
  /** Verdicts in the family (those with a test). */
  readonly size: number;
  /** Claims rejected after the correction. */
  readonly rejected: number;
  /** "Not supported" verdicts the correction turned into "inconclusive". */
  readonly downgraded: number;
}

/** Holm's step-down rejections for `pValues` at `level` (same order as given). */
export function holmRejections(pValues: readonly number[], level: number): boolean[] {
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const m = pValues.length;
  const out = new Array<boolean>(m).fill(false);
  for (let j = 0; j < m; j++) {
    if (!(order[j].p <= level / (m - j))) break;
    out[order[j].i] = true;
  }
  return out;
}

/** The verdicts after the correction, and the family's summary. */
export function applyHolm<V extends Verdict>(verdicts: readonly V[], level: number): { verdicts: V[]; family: Family } {
  const tested = verdicts.map((v, i) => ({ v, i })).filter(({ v }) => v.test !== undefined);
  const rejected = holmRejections(tested.map(({ v }) => v.test?.pValue ?? 1), level);
  const m = tested.length;
  const fate = new Map(tested.map(({ i }, k) => [i, rejected[k]]));
  let downgraded = 0;
  const out = verdicts.map((v, i) => {
    if (v.test === undefined) return v;
    const note = ` Family-wise: p = ${fmt(v.test.pValue)}, Holm at level ${level} over ${m} tested verdict(s): ${fate.get(i) ? 'rejected' : 'not rejected'}.`;
    if (v.status === 'not supported' && !fate.get(i)) {
      downgraded++;
      return { ...v, status: 'inconclusive' as const, evidence: `${v.evidence} Not supported before correction, but not significant after Holm.${note}` };
    }
    return { ...v, evidence: `${v.evidence}${note}` };
  });
  return { verdicts: out, family: { method: 'Holm', level, size: m, rejected: rejected.filter(Boolean).length, downgraded } };
}

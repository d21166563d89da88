#!/usr/bin/env python3
"""Score table and survivor triage of docs/mutation.md, from Stryker's incremental report.

    python3 scripts/mutation-triage.py [mutation/stryker-incremental.json]

Prints the per-file score table (Stryker's score, and the share of the mutants that could
matter to a user that a verdict kills: equivalent and unreachable survivors left out) and one
line per surviving mutant with its verdict and reason. The reasons are rules keyed by file and
line (written after reading each mutant, see docs/mutation.md); a survivor no rule covers is
printed as UNTRIAGED and the exit status is 1, so a newly measured file or a moved line shows
up instead of being silently counted. Lines move when the source changes: re-read the
mutant, then fix the rule.
"""
import json
import sys
from collections import Counter

COL = [0]
MSG = ('equivalent', 'message text only: the error still throws with the same argument name')
def rule(f, L, mut, rep_, src):
    """(verdict, reason) of a surviving mutant: file, line, mutator, replacement, source line."""
    s = src.strip()
    if mut == 'StringLiteral' and f.endswith('instance.ts') and 'stream(' in s:
        return ('equivalent', 'renames one of three independent named streams to another unused name: same distribution')
    if mut == 'StringLiteral': return MSG
    if f.endswith('alignedError.ts') and L in (30, 31):
        return ('equivalent', 'the extra a = K or b = K cell is written out of range or overwritten by the next row before use')
    if f.endswith('hungarian.ts'):
        if L in (22, 23) : return ('unreachable', 'the length check: alignedError, the only caller, always builds a K x K cost')
        if L in (24, 25): return ('unreachable', 'finiteness check: a non-finite cost needs a non-finite W; the reference never returns one (planted NaN outputs are outside the mutation test set)')
        if L == 47 and rep_ == 'cur <= minv[j]':
            return ('equivalent', 'on a tie the later of two equally short predecessors is kept: the augmenting path is still a shortest one, so the assignment is still optimal (2100 brute-forced random costs agree)')
        return ('hole', 'broken dual update / augmenting path: open')
    if f.endswith('instance.ts'):
        if L in (53,54,55,56,57,58,59): return MSG
        if L == 71 and rep_ == 'k <= K': return ('equivalent', 's[K] is written out of range of the Float64Array')
        if L == 71: return ('hole, closed', 'teacher spectrum not the papers\' (kappa ignored or s shifted): properties/papersTeacher.ts')
        if L in (85, 86): return ('equivalent', 'the extra column/row reads undefined (NaN) and is written out of range or overwritten before use')
        if L == 88 and 'acc -=' in rep_: return ('equivalent', 'W* = -U S V^T: -U is Haar like U, so the teacher has the same distribution')
        if L in (88, 89): return ('hole, closed', 'W* no longer U diag(s) V^T: properties/papersTeacher.ts')
        if L == 111: return ('equivalent', 'row N is written out of range; the extra noise draw comes after every used one')
        if L == 113 and "-=" in rep_: return ('equivalent', '-eps has the distribution of eps')
        if L == 113: return ('equivalent', 'with noiseStd = 0 the added term is 0 * eps = 0; the noise stream is used by nothing else')
    if f.endswith('gd.ts'):
        if L in range(76, 84): return ('unreachable', 'request validation: the claims only send valid requests (eta > 0, matching shapes, finite W0)')
        if L == 88: return ('unreachable', 'norm() feeds only gradientNorm and the gradient-tolerance stop, which the reference adapter never uses')
        if L in (99, 116): return ('unreachable', 'the W* error trace: the reference adapter never passes W*')
        if L == 104: return ('out of reach', 'batch index: full-batch GD ignores it; it matters for resamplingGradientDescent only (below)')
        if L == 107 and ('lossTrace' in rep_ or (rep_ == 'false' and COL[0] < 40)): return ('equivalent', 'stop at exact zero loss or never: the gradient is 0 there, further steps are no-ops, the adapter pads the trace')
        if L == 107: return ('equivalent', 'gradient-tolerance stop with gtol = -1 (unset): stays false')
        if L == 108: return ('equivalent', 'w[length] is written out of range')
        if L in (123, 135): return ('equivalent', 'optional chaining on a dataset assertDataset has already required')
        if L >= 132: return ('out of reach', 'resamplingGradientDescent: the audit\'s resampling experiment; no Implementation capability, so no claim can call it')
    if f.endswith('tensor/pseudoSolve.ts'):
        if L in (24, 29): return ('equivalent', 'index n reads undefined (NaN fails > rcond max, skipped) or writes x[n] out of range')
        return ('hole', 'a slip in the pseudo-inverse (rank cut, division) of RecMagSign / the tensor weights passes both tensor-init claims: open (first measured 2026-12-04; a NumPy fixture of the tensor init\'s weights would judge it)')
    if f.endswith('tensor/reluMoments.ts'):
        return ('hole', 'a wrong ReLU moment gamma_j or m4 passes both tensor-init claims: open (first measured 2026-12-04; a fixture of the moment coefficients or of P2/P3 would judge it)')
    if f.endswith('kernels/specialized.ts'):
        if L in (38, 64, 82, 100, 110): return ('equivalent', 'unit K (past the last) reads undefined weights or za[K]: its NaN / undefined fails > 0 and >= 0, so it adds nothing and its za[K] write is out of range')
        if L == 119: return ('equivalent', 'grad[length] is scaled out of range')
        if L in (59, 60, 61, 62, 75, 76, 105): return ('equivalent', 'z >= 0 in the forward sum adds relu(0) = 0')
        if L in (86, 87, 88, 109): return ('equivalent', 'the skip of an inactive row (coefficient 0) removed: the branch taken instead adds 0 * x = 0 for finite x, the same sums in the same order')
        return ('hole', 'the fallback kernel differs from the reference loop: open')
    if f.endswith('kernel.ts'):
        if L == 33 or L == 50: return ('unreachable', 'reluAtZero is always the default 1 on every path the reference takes (kinks count, as eq. 3.2)')
        if L in (36,): return ('unreachable', 'row n reads undefined (NaN): it adds nothing to the gradient and only poisons the returned loss, which the reference\'s gradient method discards (its loss method is loss(), its GD runs the native kernel)')
        if L in (47, 58): return ('unreachable', 'the loss lossAndGradient returns: discarded by the reference\'s gradient method (its loss method is loss(), its GD runs the native kernel)')
        if L in (39, 49, 88): return ('equivalent', 'unit K reads undefined (NaN): NaN > 0 and NaN === 0 are false, so it adds nothing')
        if L in (44, 92): return ('equivalent', 's >= 0 adds s = 0')
        if L == 48: return ('equivalent', 'r = 0 adds r x = 0 to the gradient')
        if L == 57: return ('equivalent', 'grad[length] is written out of range')
    if f.endswith('arcCosine.ts'):
        if L in (35, 43, 44): return ('unreachable', 'the zero-unit rule: no claim sends a W with a zero unit (the population gradient does not exist there)')
        if L == 39: return ('equivalent', 'unit K reads undefined (NaN): its norm and direction are written out of range')
        if L == 55: return ('equivalent', 'entry d of unit k is the first of unit k + 1, rewritten correctly in the next pass (the last one is out of range)')
        if L == 105 and 'M.d / M.K' in rep_: return MSG
        if L in (102, 114): return ('unreachable', 'argument validation: the claims only send Weights of the right shape and finite directions')
    if f.endswith('populationGradient.ts'):
        if L == 30 and 'd / K' in rep_: return MSG
        if L == 30: return ('unreachable', 'the length check on `out`: the reference adapter never passes an output buffer')
        if L == 32: return ('unreachable', 'allows a zero teacher unit: W* has full column rank in every instance')
        if L == 36: return ('equivalent', 'unit K reads undefined (NaN) and adds into g out of range')
    if f.endswith('populationLoss.ts') and L in (27, 28):
        return ('unreachable', 'refuses a zero unit where the loss allows it (kernel value 0 by continuity): no claim asks for the loss at a zero unit')
    if f.endswith('populationHessianOperator.ts'):
        if L in (158, 159): return ('unreachable', 'checks on the `out` buffer (length, aliasing): the reference adapter never passes one')
        if rep_ == 'q <= d': return ('equivalent', 'entry d of unit i is the first of unit i + 1, which the next pass assigns (=) before adding to it; the last one is out of range')
        if L == 175: return ('equivalent', 'the off-diagonal tables are never filled on the diagonal (a = 0, P = null), so the pass adds nothing')
        if L == 180: return ('equivalent', 'with a = 0 the added term is 0 * u = 0')
        if L == 66 and 'SIN_THETA_LIMIT' in rep_: return ('equivalent', 'a tie at sin(theta) = 32 eps exactly: never met, and the limit and the formula agree there to rounding')
        if L == 66: return ('equivalent', 'in the limit branch theta is within 32 eps of 0 or pi, never pi / 2')
        if L in (79, 128, 135): return ('equivalent', 'index d (or K) is written out of range / loops over no pair')
        if L == 95: return ('unreachable', 'allows a zero teacher unit: W* has full column rank in every instance')
        if L == 104: return ('unreachable', 'the skip of a zero teacher unit: W* has full column rank in every instance')
        if L == 122: return ('equivalent', 'the self pair (i, i): theta = 0 is the limit branch, which adds nothing')
        if L == 136: return ('equivalent', 'j from i - 1 recomputes pair (i - 1, i) with mh negated (mh mh^T unchanged) and the unread self pair; j = -1 writes out of range')
        if L == 134: return ('equivalent', 'offM without its null defaults: never read there, since offP and offM are set together and every reader tests offP (null for a parallel pair) first; a planted empty offP fails hessian.json #10, #11, #18')
        if L in (203, 205, 220): return ('equivalent', 'dense(): the extra row / column d of a block lands in the next block, which a later `=` overwrites, or out of range')
        if L >= 199: return ('hole', 'dense(): the audit\'s dense population Hessian, checked by spec/fixtures/denseHessians.spec.ts: open')
    if f.endswith('empiricalHessian.ts'):
        if L in (92, 93): return ('unreachable', 'checks on the `out` buffer (length, aliasing): the reference adapter never passes one')
        if L == 110: return ('unreachable', 'differs only for reluAtZero = 0; the reference always takes the default 1 (kinks count, as eq. 3.2)')
        if L in (98, 101): return ('equivalent', 'row n or unit K reads undefined (NaN): the unit is inactive (NaN > 0 and NaN === 0 are false), so nothing is added')
        if L == 113: return ('equivalent', 'z = 0 adds z x = 0')
        if L == 114: return ('equivalent', 'active[K] is undefined, so the extra unit is skipped')
        if L == 121: return ('equivalent', 'y[n] is written out of range')
        if L in (29, 33): return ('equivalent', 'empiricalHessian(): the count only decides whether a row with no active unit is skipped, and such a row adds nothing anyway')
        if L in (50, 53): return ('equivalent', 'empiricalHessian(): row n / unit K reads undefined (NaN): no active unit, nothing added')
        if L in (55, 57): return ('equivalent', 'empiricalHessian(): the extra entry of xx is written out of range or overwritten by the next row before use')
        if L == 71: return ('equivalent', 'H[length] is scaled out of range')
        if L in range(25, 79): return ('hole', 'empiricalHessian(): the audit\'s dense empirical Hessian, checked by spec/fixtures/denseHessians.spec.ts: open')
    return ('UNTRIAGED', '')


def pct(a, b):
    return f"{100 * a / b:.1f}%" if b else "-"


def main(path):
    rep = json.load(open(path))
    table = ["| file | score | killed | timeout | survived | compile errors | equivalent | unreachable | of the rest | strict |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    lines, tot, untriaged = [], Counter(), 0
    for f, v in sorted(rep["files"].items()):
        src = v["source"].split("\n")
        c = Counter(m["status"] for m in v["mutants"])
        k, t, s = c["Killed"], c["Timeout"], c["Survived"] + c["NoCoverage"]
        eq = un = 0
        for m in sorted(v["mutants"], key=lambda m: (m["location"]["start"]["line"], m["location"]["start"]["column"])):
            if m["status"] not in ("Survived", "NoCoverage"):
                continue
            L = m["location"]["start"]["line"]
            COL[0] = m["location"]["start"]["column"]
            r = m.get("replacement", "") or ""
            verdict, why = rule(f, L, m["mutatorName"], r, src[L - 1])
            eq += verdict == "equivalent"
            un += verdict == "unreachable"
            untriaged += verdict == "UNTRIAGED"
            short = r.replace("|", "\\|").replace("\n", " ")
            short = short if len(short) <= 48 else short[:45] + "..."
            lines.append(f"| {f.split('src/core/')[-1]}:{L} | {m['mutatorName']} `{short}` | {verdict} | {why} |")
        tot.update(k=k, t=t, s=s, ce=c["CompileError"], eq=eq, un=un)
        table.append(f"| {f.split('src/core/')[-1]} | {pct(k + t, k + t + s)} | {k} | {t} | {s} | {c['CompileError']} | {eq} | {un} "
                     f"| {pct(k + t, k + t + s - eq - un)} | {pct(k + t, k + t + s - eq)} |")
    k, t, s = tot["k"], tot["t"], tot["s"]
    table.append(f"| **total** | {pct(k + t, k + t + s)} | {k} | {t} | {s} | {tot['ce']} | {tot['eq']} | {tot['un']} "
                 f"| {pct(k + t, k + t + s - tot['eq'] - tot['un'])} | {pct(k + t, k + t + s - tot['eq'])} |")
    print("\n".join(table))
    print("\n| where | mutant | verdict | why |\n|---|---|---|---|")
    print("\n".join(lines))
    verdicts = Counter(line.split(" | ")[2] for line in lines)
    print(f"\n{len(lines)} survivors: {dict(verdicts)}", file=sys.stderr)
    return 1 if untriaged else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "mutation/stryker-incremental.json"))

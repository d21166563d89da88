/**
 * Each claim of the papers once: its title, citation, statement and the open constants it
 * leaves unnamed, with the value relucheck uses and how that value was obtained. The property
 * suite and the audit both read this table, so a verdict and a plot never disagree about what
 * a claim says or which constant was used.
 *
 * @example
 * ```ts
 * const t = claimTheory('strong-convexity-population');
 * t.citation.where;              // "Lemma 5.1"
 * t.constants.cBall.value;       // the c in c s_K / (lambda kappa^3 K^2)
 * ```
 */
import { fail } from '../core/validate.js';
import { ACTIVATION_CLAIM_THEORY } from './activationClaims.js';

/** A constant the paper leaves unnamed, as relucheck fixes it. */
export interface OpenConstant {
  readonly symbol: string;
  readonly value: number;
  /** Derived, stated or calibrated, and from what. */
  readonly how: string;
  /** For calibrated constants: probability that one case of a correct implementation breaks it. */
  readonly falseAlarmPerCase?: number;
}

/** A claim as data. */
export interface ClaimTheory {
  readonly id: string;
  readonly title: string;
  readonly citation: { readonly paper: string; readonly where: string };
  readonly statement: string;
  readonly constants: Readonly<Record<string, OpenConstant>>;
}

const ZHANG = 'Zhang, Yu, Wang, Gu 2019';
const ZHONG = 'Zhong, Song, Jain, Bartlett, Dhillon 2017';

/**
 * The ball of Lemma 5.1 / Theorem 4.2 used by every "in the ball" claim: radius
 * `c s_K / (lambda kappa^3 K^2)` with this c.
 */
export const BALL_C: OpenConstant = {
  symbol: 'c',
  value: 0.5,
  // With K = 1 and kappa = 1 the radius is c |w*|; at c = 1 the ball reaches points at angle
  // ~ pi/2 from w*, where the population Hessian has eigenvalue -1.29 (seen in the first
  // calibration run: 2000 cases, seed 3001). c = 0.5 keeps every unit within 30 degrees.
  how: 'stated: c = 0.5 (the paper leaves c open; c = 1 admits non-convex points when K = 1)',
};

/** Every claim, in report order. */
export const CLAIM_THEORY: readonly ClaimTheory[] = [
  {
    id: 'gradient-fd-directional',
    title: 'gradient equals the kink-free central difference along random directions',
    citation: { paper: ZHANG, where: 'eq. (3.2)' },
    statement: '<grad L_N(W), U> = d/dt L_N(W + tU) at t = 0, to rounding, off kinks',
    constants: {},
  },
  {
    id: 'gradient-fd-full',
    title: 'every gradient coordinate equals its kink-free central difference',
    citation: { paper: ZHANG, where: 'eq. (3.2)' },
    statement: 'dL_N/dW_q = central difference along e_q, to rounding, off kinks',
    constants: {},
  },
  {
    id: 'gradient-at-kink',
    title: "at a kink the reported derivative is the one-sided derivative of the declared relu'(0)",
    citation: { paper: ZHANG, where: "eq. (3.2), indicator >= 0 (relu'(0) = 1) or the declared > 0" },
    statement:
      "<grad L_N(W), U> = D+ or D- (the side where w_0 . x_0 has the sign relu'(0) stands for) when w_0 . x_0 = 0; grad L_N(0) = -(relu'(0)/N) sum_i y_i x_i per unit",
    constants: {},
  },
  {
    id: 'hvp-fd',
    title: 'Hessian-vector product equals the central difference of the gradient (v^T J u)',
    citation: { paper: ZHANG, where: 'Section 5 (Gauss-Newton Hessian off kinks)' },
    statement:
      "<v, H(W) u> = d/dt <v, grad L_N(W + tu)>, to rounding, off kinks; at a kink the one-sided one of the declared relu'(0), and H(0) u = (relu'(0)/N) sum_i x_i sum_l u_l . x_i",
    constants: {},
  },
  {
    id: 'stationarity-noiseless',
    title: 'the noiseless empirical gradient vanishes at W*',
    citation: { paper: ZHANG, where: 'eq. (3.2) at W = W*, nu = 0' },
    statement: 'grad L_N(W*) = 0 (every residual is 0), to rounding',
    constants: {},
  },
  {
    id: 'stationarity-noisy',
    title: 'the noisy empirical gradient at W* is within its Gaussian concentration bound',
    citation: { paper: ZHANG, where: 'Lemma 5.3 at W = W*' },
    statement:
      '|grad L_N(W*)|_F <= sqrt(tr S) (1 + sqrt(2 log(1/delta))), S its covariance given X',
    constants: {
      delta: {
        symbol: 'delta',
        value: 1e-9,
        how: 'derived: Gaussian concentration of a norm (Lipschitz constant sqrt(|S|) <= sqrt(tr S)); false alarm <= delta per case',
      },
    },
  },
  {
    id: 'invariance-permutation',
    title: 'permuting hidden units keeps the loss and permutes the gradient',
    citation: { paper: ZHANG, where: 'eq. (1.2): L_N is symmetric in the units' },
    statement: 'L_N(W P) = L_N(W), grad L_N(W P) = grad L_N(W) P, to rounding',
    constants: {},
  },
  {
    id: 'invariance-rotation',
    title: 'rotating inputs and weights together keeps the loss and rotates the gradient',
    citation: { paper: ZHANG, where: 'eq. (1.2): L_N depends on W^T x only' },
    statement: 'L_N(Q^T W; X Q) = L_N(W; X), grad = Q^T grad, to rounding',
    constants: {},
  },
  {
    id: 'invariance-duplication',
    title: 'duplicating every sample keeps the loss and the gradient',
    citation: { paper: ZHANG, where: 'eq. (1.2): L_N is a mean over samples' },
    statement: 'L_N and grad L_N on (X; X), (y; y) equal those on X, y, to rounding',
    constants: {},
  },
  {
    id: 'invariance-positive-scaling',
    title: 'relu(c z) = c relu(z): scaling W, X, y by powers of two scales loss and gradient exactly',
    citation: { paper: ZHANG, where: 'eq. (1.1), positive homogeneity of relu' },
    statement: 'L_N(cW; cy) = c^2 L_N, grad = c grad; L_N(W; cX, cy) = c^2 L_N, grad = c^2 grad, bit for bit',
    constants: {},
  },
  {
    id: 'determinism',
    title: 'the same call twice gives bit-identical results',
    citation: { paper: 'relucheck', where: 'reproducibility requirement' },
    statement: 'loss, gradient, GD and init (for a fixed request seed) are pure functions of their inputs',
    constants: {},
  },
  {
    id: 'gd-consistency',
    title: 'a gradient-descent run is T steps W <- W - eta grad L_N(W) with a loss trace of T + 1 values',
    citation: { paper: ZHANG, where: 'Algorithm 1' },
    statement:
      "W^T and L_N(W^0..W^T) equal hand-made steps with the implementation's own gradient, to rounding; from W0 = 0, W^1 = (relu'(0) eta/N) sum_i y_i x_i per unit",
    constants: {},
  },
  {
    id: 'gd-far-start',
    title: 'GD from far, random starts (W0 = s G, s = 0.1, 1, 10, 100) is still plain W <- W - eta grad L_N(W)',
    citation: { paper: ZHANG, where: 'Algorithm 1 (no clipping, normalization or adaptive step)' },
    statement:
      'from W0 = s G (G standard Gaussian, s = 0.1, 1, 10, 100), W^T and L_N(W^0..W^T) equal hand-made steps with the ' +
      "implementation's own gradient, to rounding",
    constants: {},
  },
  {
    id: 'contraction',
    title: 'GD from the ball contracts: e_{t+1}^2 <= (1 - q) e_t^2 (noiseless, derived q), + q3 S with noise',
    citation: { paper: ZHANG, where: 'Theorem 4.2, proof step (5.2); Lemmas 5.1, 5.2' },
    statement:
      'noiseless: e_{t+1}^2 <= (1 - q) e_t^2 and L_N(W^{t+1}) <= (1 - q) L_N(W^t), q = eta mu (2 - eta L), ' +
      'mu = c_mu / (lambda kappa^2), L = c_L kappa K^2 (strong-convexity-empirical); noisy: e_{t+1}^2 <= (1 - q3) e_t^2 + q3 S, ' +
      'q3 = c3 eta / (lambda kappa^2), S = c4 lambda^2 kappa^4 K^5 (d log N / N)(|W*|_F^2 + nu^2); eta = 1/(c_eta kappa K^2)',
    constants: {
      cEta: { symbol: 'c_eta', value: 1, how: 'stated: eta = 1/(kappa K^2), the largest step Theorem 4.2 allows with c = 1' },
      // Noiseless bound (derived, properties/contraction.ts): grad L_N(W*) = 0 exactly
      // (stationarity-noiseless, THEORY.md "Model"), so g = grad L_N(W_t) = Hbar e_t with Hbar
      // the Hessian averaged over the segment W* -> W_t, inside the ball (convex, contains W*),
      // where Lemma 5.1 gives Hbar >= mu I and Lemma 5.2 Hbar <= L I (THEORY.md "Claims"). Then
      // e_{t+1}^2 = e_t^2 - 2 eta <g, e_t> + eta^2 |g|^2 <= e_t^2 - eta (2 - eta L) <g, e_t>
      // <= (1 - eta mu (2 - eta L)) e_t^2 (|Hbar e|^2 <= L e^T Hbar e; e^T Hbar e >= mu e^2),
      // and the descent lemma with |g|^2 >= 2 mu L_N gives the same factor for L_N. With the
      // empirical curvature claim's c_mu = 0.03, c_L = 1.2 (N 2000..4000, so the contraction
      // claim draws N there; both now calibrated on eigenvalues, which is what Hbar >= mu I and
      // Hbar <= L I need) and c_eta = 1: eta L = 1.2, q lambda kappa^3 K^2 = 0.03 x 0.8 =
      // 0.024 (was 0.044 with the probe-calibrated c_mu = 0.055, which was an eigenvalue bound
      // only by a 14% margin). S = 0: the paper's |W*|_F^2 term comes from its route through the population loss
      // and Lemma 5.3, not taken here. Caveat: the kinks of L_N (gradient jumps where w_k . x_i
      // crosses 0 with a residual) are outside the Hessian average; they are of third order in e.
      // Cross-checks: the smallest Hessian eigenvalue x lambda kappa^2 at W0 and W* was 0.077
      // (200 cases, N 2000..4000), the largest eta lambda_max 0.25 (well below eta L = 1.2). Measured margin (scripts/
      // calibrate-contraction.mjs 2000, PARTS=derived, sample seed 1003, noiseless, d 3..6,
      // K 2..3, kappa 1..2, N 2000..4000, W0 at 20-100% of the radius, 30 steps): achieved over
      // guaranteed decrease (1 - e_{t+1}^2/e_t^2) / q was at least 3.89 (1% quantile 4.28,
      // median 25.8); for the loss trace of one 30-step call at least 3.95 (1% quantile 4.78).
      // Rounding allowances are derived (Higham bounds, properties/rounding.ts and
      // contractionTrace.ts): at most 3e-7 of the guaranteed decrease q e_t (50 cases), so a GD
      // that does not move fails. Flake check (scripts/flake-check.mjs with CLAIMS=contraction):
      // 0 failures over 100 seeds x 4 cases (default tier) and 10 seeds x 200 cases (thorough
      // tier, 99 s). Extended to 20,000 cases (same seeds, the 2000 as prefix; for the suite's
      // false-alarm budget, properties/suiteBudget.ts): smallest margin 3.69 (1% quantile 4.38,
      // median 25.8), loss trace 3.74 (1% quantile 5.03). Budget per case 1/20001: a new case
      // below the smallest of 20,000 margins (3.69, failing needs < 1). Those margins were
      // measured with q = 0.044; a margin is achieved decrease / q and q is proportional to
      // c_mu, so with c_mu = 0.03 each is 0.055 / 0.03 = 1.833x: smallest 6.77 (1% quantile
      // 8.03), loss trace 6.86 (1% quantile 9.22); rerun on the first 2000 cases with q = 0.024:
      // smallest 7.13, loss trace 7.24 (3.89 and 3.95 x 1.833, as expected).
      q: {
        symbol: 'q lambda kappa^3 K^2 (noiseless)',
        value: 0.024,
        how: 'derived: c_mu (2 - c_L / c_eta) with strong-convexity-empirical c_mu = 0.03, c_L = 1.2 (eigenvalue bounds); smallest measured margin 6.77 over 20000 cases',
        falseAlarmPerCase: 1 / 20001,
      },
      // Paper's form, noisy cases only (nu 0.05..0.5). c3 (scripts/calibrate-contraction.mjs
      // 2000, reference, ball c = 0.5): 2000 noiseless cases (fast-check sample seed 1001; d 3..6,
      // K 2..3, kappa 1..2, N 300..1500, W0 at 20-100% of the radius, 30 steps): the smallest c3
      // any step needed was 0.1578 (1% quantile 0.185, median 1.05); c3 = 0.075 is below half
      // that minimum (geometric-convergence uses it too). c4 (C3=0.075 PARTS=c4, 2000 noisy cases,
      // seed 1002, N 2000..4000 as the claim now draws, nu 0.05..0.5): the largest c4 any step
      // needed was 0.0119 (99% quantile 0.0034, median 4.2e-5); c4 = 0.04 is over three times it
      // (the first calibration, N 300..1500, needed 0.0196). Extended to 20,000 cases each (same
      // seeds, C3=0.075): smallest c3 needed 0.1318 (1% quantile 0.185, median 1.12), c3 = 0.075
      // is 0.57 of it; largest c4 needed 0.0142 (99% quantile 0.0035), c4 = 0.04 is 2.8x it.
      // Budget 1/20001 each (exchangeability bound for a new case beyond the extreme of 20,000,
      // before the margin).
      c3: {
        symbol: 'c3',
        value: 0.075,
        how: 'calibrated: below the minimum over 20000 noiseless cases (0.1318; half the 0.1578 of the first 2000), reference implementation',
        falseAlarmPerCase: 1 / 20001,
      },
      c4: {
        symbol: 'c4',
        value: 0.04,
        how: 'calibrated: 2.8x the maximum over 20000 noisy cases at N 2000..4000 (0.0142; 0.0119 over the first 2000) given c3 = 0.075',
        falseAlarmPerCase: 1 / 20001,
      },
    },
  },
  {
    id: 'geometric-convergence',
    title: 'noiseless GD from the ball converges geometrically to W*',
    citation: { paper: ZHANG, where: 'Theorem 4.2 with nu = 0' },
    statement: 'e_T^2 <= (1 - q)^T e_0^2 + rounding floor, q as in the contraction claim',
    constants: { T: { symbol: 'T', value: 150, how: 'stated: steps per run' } },
  },
  {
    id: 'statistical-rate',
    title: 'the final error of GD is of order (d log N / N)(|W*|_F^2 + nu^2), slope -1 in N',
    citation: { paper: ZHANG, where: 'Theorem 4.2 (statistical term), Corollary 4.4' },
    statement:
      'err^2 <= C (d log N / N)(|W*|_F^2 + nu^2) on every run; the log-log slope CI contains -1 and excludes 0',
    constants: {
      // Calibration (scripts/calibrate-rate.mjs 200, reference implementation): 200 teachers
      // (fast-check sample seed 2001; d 3..4, K = 2, kappa 1..1.5, nu 0.3..1), each on the grid
      // N = 200..6400 with 8, 6, 4, 3, 2, 2 data sets, GD from W* for T = 200 steps. The largest
      // err^2 / ((d log N / N)(|W*|_F^2 + nu^2)) was 2.93 (99% quantile 2.29, median 0.46);
      // C = 6 is about twice it. Slopes ranged over [-1.36, -0.65] (median -1.02); the 99.9%
      // interval missed -1 in 0/200 teachers and reached 0 in 0/200 (half-width median 0.50,
      // max 0.73). Budget per case: 1/201 for C (a new teacher beyond the largest ratio) +
      // 0.001 (interval level) + 1/201 (its power: a new teacher whose interval reaches 0),
      // ~ 0.011 (exchangeability bounds, before the margins).
      C: {
        symbol: 'C',
        value: 6,
        how: 'calibrated: about twice the maximum over 200 teachers x 25 runs (2.93), reference implementation',
        falseAlarmPerCase: 1 / 201,
      },
      level: {
        symbol: '1 - alpha',
        value: 0.999,
        how: 'stated: two-sided Student-t interval level of the slope; power calibrated (0/200 intervals reached 0)',
        falseAlarmPerCase: 0.001 + 1 / 201,
      },
      T: { symbol: 'T', value: 200, how: 'stated: GD steps from W* (eta = 1/(kappa K^2)), enough to converge to the empirical minimizer' },
    },
  },
  {
    id: 'population-gradient-fd',
    title: 'the closed-form population gradient is the derivative of the population loss',
    citation: { paper: ZHANG, where: 'eq. (3.1) and its gradient' },
    statement: '<grad L(W), U> = d/dt L(W + tU), to a Richardson-estimated truncation error plus a worst-case rounding bound that scales with the kernel terms, not the loss (float64 only)',
    constants: {},
  },
  {
    id: 'population-hvp-fd',
    title: 'the closed-form population Hessian-vector product is the derivative of the population gradient',
    citation: { paper: ZHANG, where: 'Section 5 (population Hessian, blocks h1, h2)' },
    statement: '<v, H(W) u> = d/dt <v, grad L(W + tu)>, to a Richardson-estimated truncation error plus a worst-case rounding bound of the gradient (float64 only)',
    constants: {},
  },
  {
    id: 'stationarity-population',
    title: 'the population gradient vanishes at W*',
    citation: { paper: ZHANG, where: 'eq. (3.1): W* minimizes L' },
    statement: 'grad L(W*) = 0, up to the rounding of the angle of a unit with itself',
    constants: {},
  },
  {
    id: 'strong-convexity-population',
    title: 'the population Hessian is strongly convex in the ball and bounded in the s_K/2 ball',
    citation: { paper: ZHANG, where: 'Lemmas 5.1 and 5.2' },
    statement: 'lambda_min(H) >= c_mu / (lambda kappa^2) for W in the c-ball; |H u| <= c_L kappa K^2 |u| for all u (sigma_max(H)) for W in the s_K/2 ball',
    constants: {
      // What is measured (properties/strongConvexity.ts, properties/hessianSpectrum.ts): the
      // smallest eigenvalue of the symmetric part of the Hessian the implementation's HVP
      // applies (dK products with unit vectors, dense tred2 + QL) at a point of the c = 0.5
      // ball, x lambda kappa^2; and its largest singular value at a point of the s_K/2 ball,
      // / (kappa K^2). Calibration (scripts/calibrate-curvature.mjs 20000, PARTS=eigen,
      // reference implementation): 20,000 cases (fast-check sample seed 3001; d 2..6, K 1..3,
      // kappa 1..2; points at 0-100% of each ball). Smallest lambda_min lambda kappa^2: 0.05468
      // (first 2000: 0.0602; 1% quantile 0.0819, median 0.361); c_mu = 0.027 is half of it,
      // the margin the other calibrated constants keep, against a lower tail that is heavy (the
      // minimum over 20,000 is 0.91 of that over 2,000). Largest sigma_max / (kappa K^2):
      // 0.5000 (K = 1, where H = I/2 near w*; 99% quantile 0.5000); c_L = 1 is twice it.
      // Budget per case 1/20001 each (exchangeability bound for a new case beyond the extreme
      // of 20,000, before the margin).
      // History: until this calibration both constants bounded 4 random unit probes u^T H u
      // (same cases and points), whose minimum was 0.0838 over 20,000 (0.131 over 2000):
      // c_mu = 0.065 then sat above the eigenvalue minimum 0.0547, so it bounded the probes but
      // was not Lemma 5.1's mu (H >= mu I). Old c_mu 0.065 -> new 0.027 (x 0.42).
      cMu: { symbol: 'c_mu', value: 0.027, how: 'calibrated: half the minimum of lambda_min(H) lambda kappa^2 over 20000 cases (0.0547); was 0.065 on 4 random probes', falseAlarmPerCase: 1 / 20001 },
      cL: { symbol: 'c_L', value: 1, how: 'calibrated: twice the maximum of sigma_max(H) / (kappa K^2) over 20000 cases (0.5)', falseAlarmPerCase: 1 / 20001 },
    },
  },
  {
    id: 'strong-convexity-empirical',
    title: 'the empirical Hessian (N >= 2000) is strongly convex in the ball and bounded in the s_K/2 ball',
    citation: { paper: ZHANG, where: 'Lemmas 5.1 and 5.2 (empirical, Theorem 4.2 sample size)' },
    statement: 'as the population claim, for the Gauss-Newton Hessian of L_N',
    constants: {
      // Measured as the population claim (eigenvalues of the implementation's HVP). Calibration
      // (same script and run, sample seed 3002, N 2000..4000, noiseless; 20,000 cases, 156 s):
      // smallest lambda_min lambda kappa^2 0.06392 (first 2000: 0.0769; 1% quantile 0.0822,
      // median 0.420); c_mu = 0.03 is 0.47 of it (half, rounded down). Largest
      // sigma_max / (kappa K^2) 0.6363 (first 2000: 0.612; 99% quantile 0.578); c_L = 1.2 is
      // 1.89x it, kept: the contraction claim's derived q needs c_L < 2 c_eta, and 1.2 leaves
      // both that and the smoothness check's margin. Budget per case 1/20001 each.
      // History: on 4 random probes the minimum was 0.0855 and c_mu = 0.055, which happened to
      // lie below the eigenvalue minimum (0.0639) with a 14% margin. Old c_mu 0.055 -> new 0.03
      // (x 0.55); c_L unchanged (probes' maximum was 0.5955, eigenvalues' 0.6363).
      cMu: { symbol: 'c_mu', value: 0.03, how: 'calibrated: 0.47 of the minimum of lambda_min(H) lambda kappa^2 over 20000 cases (0.0639); was 0.055 on 4 random probes', falseAlarmPerCase: 1 / 20001 },
      cL: { symbol: 'c_L', value: 1.2, how: 'calibrated: 1.89x the maximum of sigma_max(H) / (kappa K^2) over 20000 cases (0.636)', falseAlarmPerCase: 1 / 20001 },
    },
  },
  {
    id: 'gradient-concentration',
    title: 'the empirical gradient is uniformly close to the population gradient over the ball',
    citation: { paper: ZHANG, where: 'Lemma 5.3' },
    statement: '|grad L_N(W) - grad L(W)|_F <= c2 sqrt(d K^5 log N / N)(|W*|_F + nu) for W in the c-ball',
    constants: {
      // Calibration (same script, sample seed 3003; d 2..6, K 1..3, kappa 1..2, N 100..3000,
      // nu 0..1; W* and 3 points on the sphere of the c = 0.5 ball per data set): largest
      // ratio 0.395 (99% quantile 0.298, median 0.0166); c2 = 0.8 is about twice it. Extended
      // to 20,000 data sets (same seed): largest 0.515 (99% quantile 0.294), c2 = 0.8 is 1.55x.
      // Budget per case: 1/20001.
      c2: { symbol: 'c2', value: 0.8, how: 'calibrated: 1.55x the maximum over 20000 data sets x 4 points (0.515; 0.395 over the first 2000)', falseAlarmPerCase: 1 / 20001 },
    },
  },
  {
    id: 'tensor-init-rate',
    title: 'the tensor initialization error falls with N',
    citation: { paper: ZHONG, where: 'Theorem 5.6 / Lemma 4.5' },
    statement: 'the least-squares slope of log aligned error against log N (N = 1000..64000), averaged over 4 teachers (d 3..5, K = 2, kappa <= 1.5), is at most the faithful family\'s limit',
    constants: {
      // Calibrated on the faithful family (spec/controls/faithfulInit/: Algorithm 1 as written,
      // eight choices the paper leaves open), not on relucheck's estimator: scripts/
      // calibrate-faithful-init.ts --rate-only --rate-seed 9001 --rate-teachers 60 --planted
      // (60 teachers per member from the claim's own arbitrary, fast-check's bias included).
      // Per-teacher slopes: member means -0.183 (alpha-3, the worst) .. -0.272, sds
      // 0.066..0.090, pooled sd 0.0814 (472 df); largest of the 480 +0.030. The canonical
      // member on 100 more (sample seed 7001) agrees: mean -0.206, sd 0.081, largest -0.032.
      // The first calibration (15 teachers per member, seeds 6001..6005) had pooled sd 0.0637
      // and a one-teacher limit of -0.026, which 3 of these 480 slopes exceed (and the canonical
      // control on thorough seed 2654435761: -0.007): about 0.6% per case, not the stated 0.2%.
      // The thorough tier draws the same ranges (only more cases), so the cause was the sd,
      // not the ranges. With the honest sd a one-teacher limit would be +0.051, above the flat
      // planted inits (first 1000 samples 0.001 +- 0.050, random -0.002 +- 0.035 over 60
      // teachers): caught 0.15 and 0.05 of the time. About 40% of the variance is teacher to
      // teacher (some are pre-asymptotic up to N = 64000), so more runs per teacher cannot fix
      // it; a case averages 4 distinct teachers (RATE_TEACHERS, properties/tensorInitRate.ts).
      // Limit = worst mean + 2.88 pooled sd / sqrt(4) = -0.066: normal tail 0.002 per case for
      // the worst member (each member with its own sd: at most -0.077). Disjoint groups of 4 of
      // the 480: none of 120 above it. Flat bugs caught per case: first 1000 samples 0.997,
      // random 1.000 (groups resampled from their 60 teachers; with 3 teachers 0.953 and 0.989,
      // which missed first-1000 on 1 of 20 default seeds), against 0.75 and 0.75 with one
      // teacher at -0.026. relucheck's reference: -0.477 (sd 0.043).
      limit: {
        symbol: 'b_max',
        value: -0.066,
        how: 'calibrated: worst faithful-family mean slope (-0.183) + 2.88 x pooled sd (0.0814) / sqrt(4 teachers), 8 members x 60 teachers',
        falseAlarmPerCase: 0.002,
      },
    },
  },
  {
    id: 'tensor-init-basin',
    title: "at large N the tensor initialization error is within Theorem 5.6's C sqrt(d / N) |W*|_F",
    citation: { paper: ZHONG, where: 'Theorem 5.6 (error eps poly(k, kappa) |W*|_F for N ~ eps^-2 d polylog)' },
    statement: 'median over 5 request seeds of aligned |W0 - W*|_F <= C sqrt(d / N) |W*|_F at N = N_basin (d 2..4, K = 2, kappa <= 1.2)',
    constants: {
      // K = 2 and kappa <= 1.2 are fixed by the ranges and N is fixed, so poly(k, kappa) and the
      // log factors are one constant C. Calibrated on the faithful family (scripts/
      // calibrate-faithful-init.ts --seeds 5 --teachers 6 --runs 5: 30 teachers per member,
      // sample seeds 5001..5005). q = median error / (sqrt(d / N) |W*|_F); log q per member:
      // mean 3.25..3.66, sd 0.45..0.67; worst member alpha-3 (mean 3.651, sd 0.672, max q 262),
      // exp(mean + 2.88 sd) = 266.5 -> C = 270 (log-normal tail 0.002 per case). One random
      // alpha makes single runs heavy-tailed (q up to 309 for one seed); the theorem holds
      // with high probability over the method's randomness, so the median of 5 request seeds
      // is tested. relucheck's reference: max q 7.3 (0.30 of the ball radius of Theorem 4.2);
      // the faithful family reaches 11 ball radii, so landing in the ball is information only.
      // Planted: random init q >= 374, orientations flipped q >= 488 (12 teachers).
      N: { symbol: 'N_basin', value: 500000, how: 'stated: the N the claim draws (the earlier ball calibration\'s N)' },
      C: {
        symbol: 'C',
        value: 270,
        how: 'calibrated: exp(mean + 2.88 sd) of log q for the worst faithful member (alpha-3, 30 teachers, median of 5 seeds)',
        falseAlarmPerCase: 0.002,
      },
    },
  },
];

/**
 * The table entry of a claim: one of {@link CLAIM_THEORY} or of the activation family's
 * ACTIVATION_CLAIM_THEORY (activationClaims.ts).
 * @example claimTheory('gradient-fd-full').citation.paper
 */
export function claimTheory(id: string): ClaimTheory {
  const t = CLAIM_THEORY.find((c) => c.id === id) ?? ACTIVATION_CLAIM_THEORY.find((c) => c.id === id);
  if (t === undefined) fail('id', 'id must name a claim of src/theory/claims.ts', id);
  return t;
}

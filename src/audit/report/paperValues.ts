/**
 * Every quantitative statement the two papers make about the figures the audit reproduces,
 * once, with the verbatim quote and where it is, so the report and the plots read the
 * paper's side from here and never restate it by hand. Quotes are checked against the
 * papers' text files (spec/audit/paperValues.spec.ts), whitespace-normalized because the
 * PDF extraction breaks lines mid-sentence; anything else in a quote must match exactly.
 *
 * Kinds: `setting` (a design choice: the report puts ours beside it), `outcome` (something
 * the paper reports seeing, which one of our figures or verdicts measures), `no value` (the
 * paper states no number for something our figure measures; the quote is what it says
 * instead, so the report can say "the paper states no value" and show why).
 *
 * Neither text file has page numbers (both are text extractions), so `where` names the
 * section and the paragraph by its opening words (checked against the text like the quotes),
 * or the caption.
 *
 * @example
 * ```ts
 * paperValue('zhang.fig2d.rate').value; // 'O~(d/N)'
 * PAPER_VALUES.filter((v) => v.sections.includes('fig2b'));
 * ```
 */

/**
 * The papers' text: `excerpt` is the experiments section and figure caption kept in the
 * repository (docs/papers, verbatim), `full` the whole text extraction in the project's shared
 * papers folder (not in the repository); the spec checks quotes against the excerpt and the
 * excerpt against the full text when it is there.
 */
export const PAPER_FILES = {
  zhang2019: { excerpt: 'docs/papers/zhang2019-fig2-section6.txt', full: 'zhang-yu-wang-gu-2019-relu-gd.txt' },
  zhong2017: { excerpt: 'docs/papers/zhong2017-fig1-section7.txt', full: 'zhong-song-jain-bartlett-dhillon-2017-recovery.txt' },
} as const;

/** Which paper. */
export type PaperId = keyof typeof PAPER_FILES;

/** One statement of a paper about a figure. */
export interface PaperValue {
  /** Stable key; the experiments name it for their own value (Section.paperComparison). */
  readonly id: string;
  readonly paper: PaperId;
  /** Report sections (experiment ids) the statement belongs to. */
  readonly sections: readonly string[];
  readonly figure: string;
  /** Where in the paper: section and the paragraph's opening words in double quotes (checked), or the caption. */
  readonly where: string;
  readonly quantity: string;
  /** The paper's value in the report's plain notation. */
  readonly value: string;
  readonly kind: 'setting' | 'outcome' | 'no value';
  /** Verbatim from the text file (up to whitespace). */
  readonly quote: string;
}

const Z = 'zhang2019' as const;
const S6 = 'Zhang et al. 2019, Section 6';
const ZH = 'zhong2017' as const;
const S7 = 'Zhong et al. 2017, Section 7';
const ALL2 = ['fig2a', 'fig2b', 'fig2c', 'fig2d'];

/** The table (report order: Zhang's Fig. 2, then Zhong's Fig. 1). */
export const PAPER_VALUES: readonly PaperValue[] = [
  { id: 'zhang.K', paper: Z, sections: ['fig2a', 'fig2b', 'fig2d'], figure: 'Fig. 2', where: `${S6}, opening paragraph ("In this section, we perform several experiments")`, quantity: 'hidden units K', value: '5', kind: 'setting', quote: 'The number of neurons in the hidden layer is set as $K = 5$.' },
  { id: 'zhang.kappa', paper: Z, sections: ALL2, figure: 'Fig. 2', where: `${S6}, opening paragraph ("In this section, we perform several experiments")`, quantity: 'condition number kappa (singular values of W* from 1 to 2)', value: '2', kind: 'setting', quote: 'The smallest singular value of \\mathbf{W}^* is to be 1 and the largest one is set to be 2, and thus the condition number $\\kappa = 2$.' },
  // Fig. 2(a)
  { id: 'zhang.fig2a.dN', paper: Z, sections: ['fig2a'], figure: 'Fig. 2(a)', where: 'Zhang et al. 2019, Figure 2 caption (a)', quantity: 'd, N', value: 'd = 10, N = 5000', kind: 'setting', quote: 'Here, we set input dimension $d = 10$, sample size $N = 5000$ and number of neurons $K = 5$.' },
  { id: 'zhang.fig2a.eta', paper: Z, sections: ['fig2a'], figure: 'Fig. 2(a)', where: `${S6}, paragraph "To begin with" (Fig. 2(a))`, quantity: 'step size eta', value: '0.5', kind: 'setting', quote: 'The step size η is set to be 0.5.' },
  { id: 'zhang.fig2a.random', paper: Z, sections: ['fig2a'], figure: 'Fig. 2(a)', where: `${S6}, paragraph "To begin with" (Fig. 2(a))`, quantity: 'random start W0', value: 'standard Gaussian', kind: 'setting', quote: 'the initial estimator \\mathbf{W}^0 is generated randomly from a standard Gaussian distribution' },
  { id: 'zhang.fig2a.rate', paper: Z, sections: ['fig2a'], figure: 'Fig. 2(a)', where: `${S6}, paragraph "To begin with" (Fig. 2(a))`, quantity: 'local linear rate (steps per decade of loss)', value: 'no number: "linear rate", tensor faster early', kind: 'no value', quote: 'both initialization methods, followed by gradient descent, achieve linear rate of convergence after a certain number of iterations, but tensor initialization leads to faster convergence than random initialization at early stage' },
  // Fig. 2(b)
  { id: 'zhang.fig2b.d', paper: Z, sections: ['fig2b'], figure: 'Fig. 2(b)', where: `${S6}, paragraph "Moreover, we investigate" (Fig. 2(b))`, quantity: 'input dimensions d', value: '20, 50, 100', kind: 'setting', quote: 'we consider three cases: (i) $d = 20$; (ii) $d = 50$; (iii) $d = 100$.' },
  { id: 'zhang.fig2b.trials', paper: Z, sections: ['fig2b'], figure: 'Fig. 2(b)', where: `${S6}, paragraph "Moreover, we investigate" (Fig. 2(b))`, quantity: 'trials per point', value: '10', kind: 'setting', quote: 'For each case, we vary the sample size N , and repeat Algorithm 1 for 10 trials.' },
  { id: 'zhang.fig2b.grid', paper: Z, sections: ['fig2b'], figure: 'Fig. 2(b)', where: `${S6}, paragraph "Moreover, we investigate" (Fig. 2(b))`, quantity: 'N/d grid', value: 'not stated ("we vary the sample size N")', kind: 'no value', quote: 'For each case, we vary the sample size N , and repeat Algorithm 1 for 10 trials.' },
  { id: 'zhang.success', paper: Z, sections: ['fig2b', 'fig2c'], figure: 'Fig. 2(b)', where: `${S6}, paragraph "Moreover, we investigate" (Fig. 2(b))`, quantity: 'success: aligned relative error at most', value: '1e-3', kind: 'setting', quote: '\\|\\mathbf{W}^T - \\mathbf{W}^* \\cdot \\mathbf{M}_\\pi\\|_F / \\|\\mathbf{W}^*\\|_F \\leq 10^{-3}.' },
  { id: 'zhang.fig2b.threshold', paper: Z, sections: ['fig2b'], figure: 'Fig. 2(b)', where: `${S6}, paragraph "The results of successful recovery" (Fig. 2(b))`, quantity: 'threshold N/d* (success rate 1/2)', value: 'no number: "linear in the dimension d"', kind: 'no value', quote: 'the sample complexity required by tensor initialization followed by gradient descent for learning one-hidden-layer ReLU networks is linear in the dimension d' },
  // Fig. 2(c)
  { id: 'zhang.fig2c.dK', paper: Z, sections: ['fig2c'], figure: 'Fig. 2(c)', where: `${S6}, paragraph "We also investigate" (Fig. 2(c))`, quantity: 'd; hidden units K', value: 'd = 20; K = 5, 10, 15', kind: 'setting', quote: 'with $d = 20$, and we consider three cases: (i) $K = 5$; (ii) $K = 10$; (iii) $K = 15$.' },
  { id: 'zhang.fig2c.init', paper: Z, sections: ['fig2c'], figure: 'Fig. 2(c)', where: `${S6}, paragraph "We also investigate" (Fig. 2(c))`, quantity: 'initialization; step size; trials', value: 'random; step and trials not stated', kind: 'no value', quote: 'Figure 2(c) shows the sample complexity comparison for different K under random initialization.' },
  { id: 'zhang.fig2c.threshold', paper: Z, sections: ['fig2c'], figure: 'Fig. 2(c)', where: `${S6}, paragraph "We also investigate" (Fig. 2(c))`, quantity: 'threshold N/K* (success rate 1/2)', value: 'no number: "linear to the number of hidden units"', kind: 'no value', quote: 'It suggests that the sample complexity is linear to the number of hidden units.' },
  // Fig. 2(d)
  { id: 'zhang.fig2d.d', paper: Z, sections: ['fig2d'], figure: 'Fig. 2(d)', where: `${S6}, paragraph "Finally, we study the statistical rate" (Fig. 2(d))`, quantity: 'input dimensions d', value: '10, 25, 50', kind: 'setting', quote: 'we consider the following three cases: (i) $d = 10$, (ii) $d = 25$, (iii) $d = 50$.' },
  { id: 'zhang.fig2d.noise', paper: Z, sections: ['fig2d'], figure: 'Fig. 2(d)', where: `${S6}, paragraph "Finally, we study the statistical rate" (Fig. 2(d))`, quantity: 'label noise', value: 'N(0, 0.1)', kind: 'setting', quote: 'generated independently from Gaussian distribution $\\mathcal{N}(0, 0.1)$' },
  { id: 'zhang.fig2d.trials', paper: Z, sections: ['fig2d'], figure: 'Fig. 2(d)', where: `${S6}, paragraph "Finally, we study the statistical rate" (Fig. 2(d))`, quantity: 'initialization; trials per point; statistic', value: 'tensor; 10; averaged error', kind: 'setting', quote: 'We run Algorithm 1 with tensor initialization for each case over 10 trials, and report the averaged estimation error of the final output' },
  { id: 'zhang.fig2d.rate', paper: Z, sections: ['fig2d'], figure: 'Fig. 2(d)', where: `${S6}, paragraph "Finally, we study the statistical rate" (Fig. 2(d))`, quantity: 'statistical rate', value: 'O~(d/N)', kind: 'outcome', quote: 'the statistical rate of the output of gradient descent for training one-hidden-layer ReLU networks is indeed in the order of $\\widetilde{O}(d/N)$' },
  // Zhong et al. Fig. 1
  { id: 'zhong.setup', paper: ZH, sections: ['zhongFig1'], figure: 'Fig. 1', where: `${S7}, opening paragraph ("In this section we use synthetic data")`, quantity: 'kappa; hidden units k', value: 'kappa = 2, k = 5', kind: 'setting', quote: 'we set κ = 2 and k = 5.' },
  { id: 'zhong.v', paper: ZH, sections: ['zhongFig1'], figure: 'Fig. 1', where: `${S7}, opening paragraph ("In this section we use synthetic data")`, quantity: 'output weights v*', value: 'uniform in {-1, 1}', kind: 'setting', quote: 'picked from {−1, 1} with equal chance.' },
  { id: 'zhong.activation', paper: ZH, sections: ['zhongFig1'], figure: 'Fig. 1', where: `${S7}, opening paragraph ("In this section we use synthetic data")`, quantity: 'activation', value: 'squared ReLU max{z, 0}^2', kind: 'setting', quote: 'We use squared ReLU φ(z) = max{z, 0}2' },
  { id: 'zhong.projections', paper: ZH, sections: ['zhongFig1'], figure: 'Fig. 1', where: `${S7}, opening paragraph ("In this section we use synthetic data")`, quantity: 'tensor method: random projections L', value: '100 (code of Kuleshov et al. 2015)', kind: 'setting', quote: 'the number of random projections ﬁxed as L = 100.' },
  { id: 'zhong.eta', paper: ZH, sections: ['zhongFig1'], figure: 'Fig. 1', where: `${S7}, opening paragraph ("In this section we use synthetic data")`, quantity: 'step size eta', value: '0.02', kind: 'setting', quote: 'pick the stepsize η = 0.02 for gradient descent.' },
  { id: 'zhong.resampling', paper: ZH, sections: ['zhongFig1', 'resampling'], figure: 'Fig. 1', where: `${S7}, opening paragraph ("In this section we use synthetic data")`, quantity: 'resampling', value: 'none', kind: 'setting', quote: 'we don’t do the resampling since the algorithm still works well without resampling.' },
  { id: 'zhong.fig1a.grid', paper: ZH, sections: ['zhongFig1'], figure: 'Fig. 1(a)', where: `${S7}, paragraph "First we show the number of samples" (Fig. 1(a))`, quantity: 'd and N grid', value: 'd = 10..100 by 10, N = 1000..10000 by 1000', kind: 'setting', quote: 'change d for d = 10, 20, · · · , 100 and n for n = 1000, 2000, · · · , 10000.' },
  { id: 'zhong.fig1a.trials', paper: ZH, sections: ['zhongFig1'], figure: 'Fig. 1(a)', where: `${S7}, paragraph "First we show the number of samples" (Fig. 1(a))`, quantity: 'trials per (d, N)', value: '10', kind: 'setting', quote: 'For each pair of d and n, we run 10 trials.' },
  { id: 'zhong.fig1a.success', paper: ZH, sections: ['zhongFig1'], figure: 'Fig. 1(a)', where: `${S7}, paragraph "First we show the number of samples" (Fig. 1(a))`, quantity: 'success: max_j |w*_j - w_pi(j)| / |w*_j| at most, and signs of v exact', value: '0.01', kind: 'setting', quote: '≤ 0.01 and vπ(j) = v∗' },
  { id: 'zhong.fig1a.threshold', paper: ZH, sections: ['zhongFig1'], figure: 'Fig. 1(a)', where: `${S7}, paragraph "First we show the number of samples" (Fig. 1(a))`, quantity: 'd exponent of the N needed for recovery', value: '1 ("about proportional to the dimension")', kind: 'outcome', quote: 'the least number of samples required to have 100% recovery rate is about proportional to the dimension.' },
  { id: 'zhong.fig1b.statistic', paper: ZH, sections: ['zhongFig1'], figure: 'Fig. 1(b)', where: `${S7}, paragraph "Next we test the tensor initialization" (Fig. 1(b))`, quantity: 'statistic of the init error', value: 'mean over 10 trials', kind: 'setting', quote: 'The grey scale represents the averaged error,' },
  { id: 'zhong.fig1b.ratio', paper: ZH, sections: ['zhongFig1'], figure: 'Fig. 1(b)', where: `${S7}, paragraph "Next we test the tensor initialization" (Fig. 1(b))`, quantity: 'N and d exponents b + c of the init error (0: N proportional to d at equal error)', value: '0 ("about proportional to the dimension")', kind: 'outcome', quote: 'to achieve the same initialization error, the sample complexity required is about proportional to the dimension.' },
  { id: 'zhong.fig1c.setup', paper: ZH, sections: ['zhongFig1'], figure: 'Fig. 1(c)', where: `${S7}, paragraph "We also compare different initialization methods" (Fig. 1(c))`, quantity: 'd, k, N', value: 'd = 10, k = 5, N = 10000', kind: 'setting', quote: 'We ﬁx d = 10, k = 5, n = 10000' },
  { id: 'zhong.fig1c.rates', paper: ZH, sections: ['zhongFig1'], figure: 'Fig. 1(c)', where: `${S7}, paragraph "We also compare different initialization methods" (Fig. 1(c))`, quantity: 'steps to the optimum per approach', value: 'no number: (I) fastest, (II) does not converge', kind: 'no value', quote: 'Approach (I) is the fastest and Approach (II) doesn’t converge even if more iterations are allowed.' },
];

/** The entry with this id (a thrown error naming it otherwise: a plot must not cite a missing value). @example paperValue('zhong.eta').value // '0.02' */
export function paperValue(id: string): PaperValue {
  const v = PAPER_VALUES.find((e) => e.id === id);
  if (!v) throw new Error(`paper value ${JSON.stringify(id)} is not in PAPER_VALUES (src/audit/report/paperValues.ts)`);
  return v;
}

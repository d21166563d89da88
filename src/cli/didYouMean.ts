/**
 * "Did you mean --seed?": the closest known names to a mistyped option or command, by edit
 * distance with adjacent transpositions (optimal string alignment: `--tire` is one edit from
 * `--tier`, as `--sed` is from `--seed`), case-insensitively. A name is suggested only when
 * it is close for its length (at most one edit in three characters, at least one), or when
 * the typed word is a prefix of it (`--fix`: `--fixtures`, `--fixtures-dir`), so a word that
 * resembles nothing gets no suggestion rather than a random one.
 *
 * @example
 * ```ts
 * suggest('--sed', ['--seed', '--tier']);     // ['--seed']
 * didYouMean('chek', ['check', 'audit']);     // ' Did you mean check?'
 * ```
 */

/**
 * Edit distance between `a` and `b` (insertions, deletions, substitutions, adjacent swaps).
 * @example editDistance('--tire', '--tier') === 1
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Dashes do not count towards a word's length (`-seed` and `--seed` are one edit apart). */
function body(word: string): string {
  return word.replace(/^-+/, '').toLowerCase();
}

/**
 * The known names closest to `word` (all those tied at the smallest distance, at most 3),
 * or none when nothing is close enough.
 * @example suggest('--jsno', ['--json', '--junit']) // ['--json']
 */
export function suggest(word: string, known: readonly string[]): string[] {
  const typed = body(word);
  if (typed === '') return [];
  const allowed = Math.max(1, Math.floor(typed.length / 3));
  const scored = known
    .filter((k) => k !== word)
    .map((k) => {
      const distance = editDistance(word.toLowerCase(), k.toLowerCase());
      const prefix = typed.length >= 3 && body(k).startsWith(typed);
      return { k, score: distance <= allowed ? distance : prefix ? allowed + 0.5 : Infinity };
    })
    .filter((s) => s.score !== Infinity);
  const best = Math.min(...scored.map((s) => s.score));
  return scored.filter((s) => s.score === best).slice(0, 3).map((s) => s.k);
}

/**
 * ` Did you mean X?` (or `X or Y?`) to append to an error, or '' when nothing is close.
 * @example didYouMean('--seeed', ['--seed']) === ' Did you mean --seed?'
 */
export function didYouMean(word: string, known: readonly string[]): string {
  const names = suggest(word, known);
  if (names.length === 0) return '';
  return ` Did you mean ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`}?`;
}

/**
 * Untrusted text made safe to show: an implementation's name, its error messages and its
 * stderr, and strings read back from results files, are written by someone else. Shown raw,
 * they can clear the screen or retitle the window (ANSI/OSC escape sequences), reorder a line
 * (bidi overrides), forge relucheck's own lines (a newline followed by "23 passed, 0 failed"),
 * or flood the output (a 1 MB name made 6.3 MB of `check` output). Every control character
 * is shown as a visible escape (`\x1b`, `\n`, `\u{202e}`) and the length is capped with a
 * note of how much was cut.
 *
 * Pure and dependency-free (core), so the check renderers and the audit report writers
 * share one definition.
 *
 * @example
 * ```ts
 * displayLine('evil\n23 passed, 0 failed\x1b[2J'); // 'evil\\n23 passed, 0 failed\\x1b[2J'
 * displayBlock(stderr, { maxLines: 12 });           // newlines kept, each line escaped and capped
 * ```
 */

/** The caps, in UTF-16 code units (characters for ASCII text). */
export const DISPLAY_LIMITS = {
  /** An implementation's name, a trial id or a parameter (one line). */
  name: 200,
  /** One line of an implementation's stderr. */
  line: 500,
  /** A whole message or block. */
  block: 8000,
} as const;

/**
 * C0 controls, DEL, C1 controls (0x9b is a one-byte CSI on some terminals), bidi embeddings,
 * overrides and isolates, zero-width and line/paragraph separators, the BOM, and lone
 * surrogates (which break UTF-8 encoders).
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_BUT_NEWLINE_TAB = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/**
 * Cuts `text` to at most `max` code units of content plus a note of what was cut (never in
 * the middle of a surrogate pair). The note makes a cap visible instead of silent.
 * @example capLength('x'.repeat(1000), 10) // 'xxxxxxxxxx... [990 more characters]'
 */
export function capLength(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}... [${text.length - end} more characters]`;
}

/**
 * One line of untrusted text: every control character escaped (newlines included), capped.
 * @example displayLine('a\x1b]0;owned\x07b') // 'a\\x1b]0;owned\\x07b'
 */
export function displayLine(text: string, max: number = DISPLAY_LIMITS.name): string {
  // Cap first (on the raw text) so a huge input costs one slice, then escape what is kept.
  return escapeCapped(String(text), max, UNSAFE);
}

/** Options of {@link displayBlock}. */
export interface BlockOptions {
  /** Keep only the last this many lines (stderr tails); default: all. */
  readonly maxLines?: number;
  /** Cap of each line (stderr: {@link DISPLAY_LIMITS.line}); default: the block's cap. */
  readonly maxLineLength?: number;
  /** Cap of the whole block; default {@link DISPLAY_LIMITS.block}. */
  readonly maxLength?: number;
}

/**
 * Multi-line untrusted text: newlines and tabs kept (callers indent each line, so a line can
 * never pass for one of relucheck's own), every other control escaped (a carriage return
 * could overwrite the indentation), each line and the whole capped.
 * @example displayBlock('Traceback\r\n  boom\x1b[2J') // 'Traceback\\r\n  boom\\x1b[2J'
 */
export function displayBlock(text: string, options: BlockOptions = {}): string {
  const maxLength = options.maxLength ?? DISPLAY_LIMITS.block;
  const maxLine = options.maxLineLength ?? maxLength;
  let s = String(text);
  if (options.maxLines !== undefined) {
    // A tail (stderr): the last lines matter, so a cut drops the start.
    let dropped = 0;
    if (s.length > maxLength) {
      dropped = s.length - maxLength;
      s = s.slice(-maxLength);
    }
    const lines = s.replace(/\s+$/, '').split('\n');
    const kept = lines.slice(-options.maxLines);
    const cut = kept.length < lines.length || dropped > 0;
    s = (cut ? ['... [earlier output cut]'] : []).concat(kept).join('\n');
  } else {
    s = capLength(s, maxLength);
  }
  const escaped = s
    .split('\n')
    .map((line) => escapeCapped(line, maxLine, UNSAFE_BUT_NEWLINE_TAB))
    .join('\n');
  return capLength(escaped, maxLength);
}

function escapeCapped(text: string, max: number, unsafe: RegExp): string {
  const capped = capLength(text, max);
  return capped.replace(unsafe, escapeChar);
}

/**
 * `check --junit FILE`: JUnit XML for CI dashboards, read back with a real XML parser (Python's
 * expat, which refuses the control characters XML 1.0 forbids, even as character references).
 * The implementation is a planted bug behind a hostile name (markup, an entity, quotes, ANSI
 * escapes, a forged line, a NUL, a bidi override): the file must parse, show the name as
 * visible escapes, give the failing claim its message, diagnosis and replay line, the claim
 * the implementation cannot run a skip with the reason, and be written whole (no temporary
 * file left, a previous report replaced, a failed write leaving nothing behind).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { claims } from '../../properties/index.js';
import { xmlEscape } from '../../src/check/junitReport.js';
import { makeCheckCommand } from '../../src/cli/check.js';
import type { CliIo } from '../../src/cli/usage.js';
import { displayLine } from '../../src/core/displayText.js';
import { IoError } from '../../src/core/ioError.js';
import { writeFileAtomic } from '../../src/check/writeFileAtomic.js';

const hostileUrl = new URL('./modules/hostile-name.mjs', import.meta.url);
const hostile = fileURLToPath(hostileUrl);
const { HOSTILE_NAME } = (await import(hostileUrl.href)) as { HOSTILE_NAME: string };
const tmp = mkdtempSync(join(tmpdir(), 'relucheck-junit-'));

interface Parsed {
  root: Record<string, string>;
  suite: Record<string, string>;
  properties: Record<string, string>;
  cases: { attrs: Record<string, string>; outcome?: { tag: string; attrs: Record<string, string>; text: string } }[];
}

/** Parses a JUnit file with Python's xml.etree (expat): throws on any malformed byte. */
function parseJunit(file: string): Parsed {
  const script = `
import json, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suite = root.find('testsuite')
cases = []
for c in suite.findall('testcase'):
    kids = list(c)
    o = {'tag': kids[0].tag, 'attrs': kids[0].attrib, 'text': kids[0].text or ''} if kids else None
    cases.append({'attrs': c.attrib, 'outcome': o})
props = {p.get('name'): p.get('value') for p in suite.find('properties')}
print(json.dumps({'root': root.attrib, 'suite': suite.attrib, 'properties': props, 'cases': cases}))
`;
  const r = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`not well-formed XML: ${r.stderr}`);
  return JSON.parse(r.stdout) as Parsed;
}

async function check(args: string[]) {
  let out = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (out += t), isTTY: false };
  const code = await makeCheckCommand(async () => claims, {}).run(args, io);
  return { code, out };
}

describe('check --junit on claims', () => {
  it('parses, escapes the hostile name, and carries failure, diagnosis, replay and skip reasons', async () => {
    const file = join(tmp, 'new-folder', 'junit.xml');
    const args = ['--impl', hostile, '--tier', 'quick', '--seed', '1', '--junit', file];
    const r = await check([...args, '--claim', 'gradient-fd-full', '--claim', 'hvp-fd', '--claim', 'determinism']);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain(`JUnit XML written to ${file}`);
    const raw = readFileSync(file, 'utf8');
    // Nothing the implementation wrote reaches the file raw.
    expect(raw).not.toMatch(/[\x00\x1b\u202e]/);
    expect(raw).not.toContain('<b>');
    const x = parseJunit(file);
    expect(x.root).toMatchObject({ tests: '3', failures: '1', errors: '0', skipped: '1' });
    expect(x.suite.name).toBe(`relucheck check: ${displayLine(HOSTILE_NAME)}`);
    expect(x.suite.name).toContain('evil <b>&amp; "quoted" \'x\' ]]> \\x1b[31mred\\x1b[0m\\n1 passed, 0 failed\\x00\\u{202e}');
    expect(x.properties).toMatchObject({ seed: '1', tier: 'quick', precision: 'float64' });
    expect(x.properties.source).toContain('hostile-name.mjs');

    const byName = Object.fromEntries(x.cases.map((c) => [c.attrs.name, c]));
    expect(Object.keys(byName)).toEqual(['gradient-fd-full', 'hvp-fd', 'determinism']);
    const failure = byName['gradient-fd-full'].outcome!;
    expect(failure.tag).toBe('failure');
    expect(failure.attrs.message).toMatch(/^\|central difference - <grad, U>\| along coordinate .* exceeds the bound/);
    expect(failure.text).toMatch(/diagnosis: gradient is 1\/2 x the expected one/);
    expect(failure.text).toMatch(/replay: relucheck check --impl .*hostile-name\.mjs --claim gradient-fd-full --seed 1 --tier quick --path [\d:]+/);
    // The claim's message quotes the implementation's name: escaped there too, and one line.
    expect(failure.text).toContain('[implementation evil <b>&amp; "quoted"');
    expect(failure.text).not.toMatch(/\n1 passed, 0 failed/);
    expect(byName['hvp-fd'].outcome).toMatchObject({ tag: 'skipped', attrs: { message: 'not applicable: needs hvp' } });
    expect(byName.determinism.outcome).toBeNull();
    expect(Number(byName.determinism.attrs.time)).toBeGreaterThanOrEqual(0);

    // Written whole: a second run replaces the file, and no temporary file is left beside it.
    const again = await check([...args, '--claim', 'determinism']);
    expect(again.code, again.out).toBe(0);
    expect(parseJunit(file).root).toMatchObject({ tests: '1', failures: '0', skipped: '0' });
    expect(readdirSync(join(tmp, 'new-folder'))).toEqual(['junit.xml']);
  });

  it('--json and --junit together: stdout stays one JSON document', async () => {
    const file = join(tmp, 'with-json.xml');
    const r = await check(['--impl', hostile, '--tier', 'quick', '--seed', '1', '--claim', 'hvp-fd', '--json', '--junit', file, '--pass-with-none']);
    expect(JSON.parse(r.out)).toMatchObject({ exitCode: 0, nothingChecked: true });
    expect(parseJunit(file).root).toMatchObject({ tests: '1', skipped: '1' });
  });
});

describe('check --junit when the implementation never starts', () => {
  it('writes one errored test case with the fault and the stderr tail, so the dashboard is not left empty', async () => {
    const file = join(tmp, 'start.xml');
    const r = await check(['--cmd', 'echo "boom <\x1b[31m>" >&2; exit 3', '--junit', file]);
    expect(r.code, r.out).toBe(2);
    const x = parseJunit(file);
    expect(x.root).toMatchObject({ tests: '1', errors: '1', failures: '0' });
    expect(x.cases[0].attrs).toMatchObject({ classname: 'relucheck.check', name: 'implementation start' });
    expect(x.cases[0].outcome!.tag).toBe('error');
    expect(x.cases[0].outcome!.text).toMatch(/stderr of the implementation \(last lines\):\nboom <\\x1b\[31m>/);
  });
});

describe('check --junit on fixtures', () => {
  it('one test case per fixture case: mismatches fail, cases needing a missing capability are skipped', async () => {
    const file = join(tmp, 'fixtures.xml');
    const r = await check(['--impl', hostile, '--fixtures', '--junit', file]);
    expect(r.code, r.out).toBe(1);
    const x = parseJunit(file);
    const tags = x.cases.map((c) => c.outcome?.tag ?? 'passed');
    const summary = /(\d+) passed, (\d+) failed, (\d+) not applicable, (\d+) errored/.exec(r.out)!;
    expect([tags.filter((t) => t === 'passed').length, tags.filter((t) => t === 'failure').length, tags.filter((t) => t === 'skipped').length, tags.filter((t) => t === 'error').length]).toEqual(
      summary.slice(1).map(Number),
    );
    expect(tags).toContain('failure');
    expect(tags).toContain('skipped');
    const failed = x.cases.find((c) => c.outcome?.tag === 'failure')!;
    expect(failed.attrs.classname).toMatch(/^relucheck\.fixtures\./);
    expect(failed.outcome!.text).toMatch(/^case \d+, /);
    expect(x.cases.find((c) => c.outcome?.tag === 'skipped')!.outcome!.attrs.message).toMatch(/^not applicable: /);
  });
});

describe('XML escaping and the atomic write', () => {
  it('every character a parser refuses becomes a visible escape; markup and quotes become entities', () => {
    const all = Array.from({ length: 0x100 }, (_, i) => String.fromCharCode(i)).join('') + '\ufffe\uffff\ud800x\udc00\u{1f600}';
    const file = join(tmp, 'chars.xml');
    writeFileSync(file, `<?xml version="1.0" encoding="UTF-8"?>\n<r a="${xmlEscape(all, true)}">${xmlEscape(all)}</r>\n`);
    const r = spawnSync('python3', ['-c', 'import json,sys,xml.etree.ElementTree as ET; e=ET.parse(sys.argv[1]).getroot(); print(json.dumps([e.get("a"), e.text]))', file], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const [attr, text] = JSON.parse(r.stdout) as [string, string];
    const visible = (c: number) => (c <= 0xff ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u{${c.toString(16)}}`);
    for (const value of [attr, text]) {
      expect(value).toContain('\t\n');
      expect(value).toContain(`${visible(0)}${visible(1)}`);
      expect(value).toContain(`${visible(0x1b)}`);
      expect(value).toContain(`${visible(0x7f)}${visible(0x80)}`);
      expect(value).toContain(' !"#$%&\'()*+,-./0123456789:;<=>?');
      expect(value).toContain(`${visible(0xfffe)}${visible(0xffff)}${visible(0xd800)}x${visible(0xdc00)}\u{1f600}`);
    }
    expect(attr).toContain('\r'); // kept in an attribute as &#13;
  });

  it('a failed write is an IoError naming the file, leaves no temporary file and the target as it was', () => {
    const dir = join(tmp, 'atomic');
    mkdirSync(join(dir, 'target.xml'), { recursive: true }); // rename onto a folder fails
    expect(() => writeFileAtomic(join(dir, 'target.xml'), '<x/>')).toThrow(IoError);
    expect(() => writeFileAtomic(join(dir, 'target.xml'), '<x/>')).toThrow(/could not write .*target\.xml \(nothing was written/);
    expect(readdirSync(dir)).toEqual(['target.xml']);
  });
});

/**
 * `relucheck check --dump-case DIR`: each failed claim's shrunk case (inputs and both answers,
 * properties/Claim.ts FailingCase) written to DIR/<claim id>/ as case.json, one .npy file per
 * array (bit-exact) and load_case.py, a snippet that rebuilds the case in NumPy, so the author
 * of a Python solver can debug it without relucheck. Written as each verdict arrives, so an
 * interrupted run keeps what it found.
 *
 * @example
 * ```ts
 * dumpFailingCase('cases', verdict); // cases/gradient-fd/{case.json, X.npy, W.npy, expected.npy, actual.npy, load_case.py}
 * ```
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseValue, FailingCase } from '../../properties/Claim.js';
import { encodeScalar, type WireScalar } from '../protocol/float64Codec.js';
import { encodeNpy } from './npyFile.js';
import type { ClaimVerdict } from './runClaimsCheck.js';

/**
 * A CaseValue as JSON: a number, or an array with its shape (row-major); non-finite values are
 * named as on the protocol's wire (float64Codec.ts).
 */
export type JsonCaseValue = WireScalar | { readonly shape: readonly number[]; readonly data: readonly WireScalar[] };

/**
 * A CaseValue as plain JSON data (arrays as lists; non-finite values named).
 * @example caseValueJson({ shape: [1], data: Float64Array.of(NaN) }) // { shape: [1], data: ['NaN'] }
 */
export function caseValueJson(v: CaseValue): JsonCaseValue {
  return typeof v === 'number' ? encodeScalar(v) : { shape: [...v.shape], data: Array.from(v.data, (x) => encodeScalar(x)) };
}

/**
 * A FailingCase as plain JSON data (for case.json and `check --json`).
 * @example failingCaseJson(fc).inputs.W // { shape: [d, K], data: [...] }
 */
export function failingCaseJson(fc: FailingCase): object {
  const map = (r: Readonly<Record<string, CaseValue>>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, caseValueJson(v)]));
  return {
    method: fc.method,
    inputs: map(fc.inputs),
    ...(fc.expected === undefined ? {} : { expected: caseValueJson(fc.expected) }),
    ...(fc.actual === undefined ? {} : { actual: caseValueJson(fc.actual) }),
    ...(fc.outputs === undefined
      ? {}
      : { outputs: Object.fromEntries(Object.entries(fc.outputs).map(([k, o]) => [k, { expected: caseValueJson(o.expected), actual: caseValueJson(o.actual) }])) }),
  };
}

/** Every array of the case under the file stem it is written to. */
function arrays(fc: FailingCase): [string, { shape: readonly number[]; data: Float64Array }][] {
  const out: [string, { shape: readonly number[]; data: Float64Array }][] = [];
  const add = (stem: string, v: CaseValue | undefined) => {
    if (v !== undefined && typeof v !== 'number') out.push([stem, v]);
  };
  for (const [k, v] of Object.entries(fc.inputs)) add(k, v);
  add('expected', fc.expected);
  add('actual', fc.actual);
  for (const [k, o] of Object.entries(fc.outputs ?? {})) {
    add(`${k}.expected`, o.expected);
    add(`${k}.actual`, o.actual);
  }
  return out;
}

function loadSnippet(verdict: ClaimVerdict, fc: FailingCase, stems: readonly string[]): string {
  return `"""The failing case of relucheck claim ${verdict.id} (method ${fc.method}), seed ${verdict.seed}.

Weight matrices are d x K (unit k in column k), X is N x d, all float64 C order.
Replay: ${verdict.replay ?? '(none)'}
"""
import json
import pathlib

import numpy as np

here = pathlib.Path(__file__).resolve().parent
case = json.loads((here / "case.json").read_text())
arrays = {stem: np.load(here / f"{stem}.npy") for stem in ${JSON.stringify(stems)}}
scalars = {k: v for k, v in case["failingCase"]["inputs"].items() if not isinstance(v, dict)}

if __name__ == "__main__":
    for name, a in arrays.items():
        print(f"{name}: shape {a.shape}")
    print("scalars:", scalars)
    if "expected" in arrays and "actual" in arrays:
        print("max |actual - expected|:", float(np.max(np.abs(arrays["actual"] - arrays["expected"]))))
`;
}

/** A claim id as a folder name (ids are kebab-case; anything else is replaced). */
const folderName = (id: string): string => id.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100) || 'claim';

/**
 * Writes a failed verdict's case under `dir`; returns the folder, or undefined when the verdict
 * has no failing case (not failed, or a claim without one).
 * @example dumpFailingCase('cases', verdict) // 'cases/gradient-fd'
 */
export function dumpFailingCase(dir: string, verdict: ClaimVerdict): string | undefined {
  const fc = verdict.failingCase;
  if (verdict.status !== 'failed' || fc === undefined) return undefined;
  const folder = join(dir, folderName(verdict.id));
  mkdirSync(folder, { recursive: true });
  const list = arrays(fc);
  for (const [stem, v] of list) writeFileSync(join(folder, `${stem}.npy`), encodeNpy(v.shape, v.data));
  const doc = {
    claimId: verdict.id,
    seed: verdict.seed,
    ...(verdict.path === undefined ? {} : { path: verdict.path }),
    ...(verdict.replay === undefined ? {} : { replay: verdict.replay }),
    ...(verdict.message === undefined ? {} : { message: verdict.message }),
    ...(verdict.diagnosis === undefined ? {} : { diagnosis: verdict.diagnosis.summary }),
    layout: 'weights d x K (unit k in column k), X N x d, row-major; .npy files are bit-exact, JSON numbers are shortest round-trip (-0 prints as 0)',
    failingCase: failingCaseJson(fc),
  };
  writeFileSync(join(folder, 'case.json'), `${JSON.stringify(doc, null, 2)}\n`);
  writeFileSync(join(folder, 'load_case.py'), loadSnippet(verdict, fc, list.map(([s]) => s)));
  return folder;
}

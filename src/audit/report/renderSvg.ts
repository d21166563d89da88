/**
 * Renders a Vega-Lite spec to an SVG string in Node: vega-lite compiles it to Vega, and
 * vega's headless View draws SVG without a canvas or a browser.
 *
 * @example
 * ```ts
 * const svg = await renderSvg({ mark: 'point', data: { values: [{ x: 1 }] }, encoding: { x: { field: 'x', type: 'quantitative' } } });
 * ```
 */
import type { TopLevelSpec } from 'vega-lite';

/**
 * SVG text of the chart. vega and vega-lite are imported here, on the first chart, rather
 * than at module load: together they take a large share of the CLI's start-up, and only
 * writing a report needs them (`check`, `info` and the library never do).
 */
export async function renderSvg(spec: Readonly<Record<string, unknown>>): Promise<string> {
  const [{ parse, View }, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const vega = compile(spec as unknown as TopLevelSpec).spec;
  const view = new View(parse(vega), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

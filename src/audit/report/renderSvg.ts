/**
 * Renders a Vega-Lite spec to an SVG string in Node: vega-lite compiles it to Vega, and
 * vega's headless View draws SVG without a canvas or a browser.
 *
 * @example
 * ```ts
 * const svg = await renderSvg({ mark: 'point', data: { values: [{ x: 1 }] }, encoding: { x: { field: 'x', type: 'quantitative' } } });
 * ```
 */
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** SVG text of the chart. */
export async function renderSvg(spec: Readonly<Record<string, unknown>>): Promise<string> {
  const vega = compile(spec as unknown as TopLevelSpec).spec;
  const view = new View(parse(vega), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

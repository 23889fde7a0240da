/**
 * Charts drawn in Node: Vega-Lite compiled to Vega, rendered by vega to SVG (for the HTML), and the SVG
 * rasterised by @resvg/resvg-js to PNG (for the workbook) with the Inter font files the package ships, so
 * text renders the same on a machine without system fonts. The libraries load on first use (about
 * 0.06 s together on the benchmark machine, from their single-file builds): a run with nothing new
 * never pays for them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Chart } from './charts.js';
import { FontMetrics, fontFiles } from './text-width.js';

/** A chart drawn: SVG for the page, PNG for the workbook. */
export interface DrawnChart {
  chart: Chart;
  svg: string;
  png: Buffer;
  /** PNG size in pixels (the workbook places the image at half: 2x for sharp screens). */
  pngWidth: number;
  pngHeight: number;
}

/** The text colour `currentColor` takes in the PNG (a white background). */
const kPngText = '#1f2328';
/** PNG pixels per SVG pixel. */
const kPngScale = 2;

interface Renderers {
  vega: typeof import('vega');
  compile: (typeof import('vega-lite'))['compile'];
  Resvg: (typeof import('@resvg/resvg-js'))['Resvg'];
  fonts: { regular: string; bold: string };
}

let renderers: Promise<Renderers> | undefined;

/** vega, vega-lite and resvg, loaded once; vega measures text with Inter's real widths. */
function loadRenderers(): Promise<Renderers> {
  renderers ??= (async () => {
    const require = createRequire(import.meta.url);
    const { vega, vegaLite } = await loadVega(require);
    // resvg is CommonJS with a native addon: required, not imported.
    const { Resvg } = require('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
    const fonts = fontFiles();
    const regular = FontMetrics.read(fonts.regular);
    const bold = FontMetrics.read(fonts.bold);
    // vega re-exports vega-scenegraph's textMetrics (its typings leave it out): its `width` is the hook
    // vega-lite's own converters use to measure text.
    const { textMetrics } = vega as unknown as { textMetrics: { width: (item: { fontSize?: number; fontWeight?: string | number }, text?: string) => number } };
    textMetrics.width = (item, text) => {
      const size = item.fontSize ?? 11;
      const heavy = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
      return (heavy ? bold : regular).width(String(text ?? ''), size);
    };
    return { vega, compile: vegaLite.compile, Resvg, fonts };
  })();
  return renderers;
}

/**
 * vega and Vega-Lite from their own single-file builds (UMD, made for browsers, shipped next to the
 * modules): about 50 ms against 180 ms for their ES modules (some 40 packages resolved and linked one by
 * one), the same code in one file. Should a release stop shipping them, the ES modules are loaded.
 */
async function loadVega(require: NodeJS.Require): Promise<{ vega: typeof import('vega'); vegaLite: typeof import('vega-lite') }> {
  const vegaFile = join(dirname(require.resolve('vega')), 'vega.min.js');
  const liteFile = join(dirname(require.resolve('vega-lite')), 'vega-lite.min.js');
  if (!existsSync(vegaFile) || !existsSync(liteFile)) {
    const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
    return { vega, vegaLite };
  }
  const vega = loadBundle(vegaFile, {}) as typeof import('vega');
  return { vega, vegaLite: loadBundle(liteFile, { vega }) as typeof import('vega-lite') };
}

/** A UMD file evaluated as CommonJS, with the given modules for its `require`. */
function loadBundle(file: string, modules: Record<string, unknown>): unknown {
  const module = { exports: {} };
  const requireOnly = (name: string): unknown => {
    if (name in modules) return modules[name];
    throw new Error(`${file} asked for ${name}`);
  };
  new Function('exports', 'require', 'module', readFileSync(file, 'utf8'))(module.exports, requireOnly, module);
  return module.exports;
}

/** Load the renderers now (a report thread does this while the run is still deriving). */
export async function warmRenderers(): Promise<void> {
  await loadRenderers();
}

/**
 * Charts drawn before, by spec: a report thread draws the charts of the first tables while the run
 * derives the rest, and the final report then finds them here. Keyed by the whole spec (data included),
 * so a hit is the same drawing. Lives as long as the thread (one run) or the process (`instacart report`).
 */
const drawnBySpec = new Map<string, Omit<DrawnChart, 'chart'>>();

/** Draw every chart: SVG and PNG (or take them from an earlier drawing of the same spec). */
export async function drawCharts(charts: readonly Chart[]): Promise<DrawnChart[]> {
  const r = await loadRenderers();
  const drawn: DrawnChart[] = [];
  for (const chart of charts) {
    const key = JSON.stringify(chart.spec);
    let drawing = drawnBySpec.get(key);
    if (drawing === undefined) {
      const svg = await drawSvg(r, chart);
      const image = new r.Resvg(svg.replaceAll('currentColor', kPngText), {
        font: { fontFiles: [r.fonts.regular, r.fonts.bold], loadSystemFonts: false, defaultFontFamily: 'Inter', sansSerifFamily: 'Inter' },
        fitTo: { mode: 'zoom', value: kPngScale },
        background: '#ffffff',
      }).render();
      drawing = { svg, png: image.asPng(), pngWidth: image.width, pngHeight: image.height };
      drawnBySpec.set(key, drawing);
    }
    drawn.push({ chart, ...drawing });
  }
  return drawn;
}

/**
 * Vega-Lite's logger, silenced: it warns on the console about assumptions that hold here (the faceted
 * independent scales share one data source), and a run prints only its own lines.
 */
const quietLogger = { level: () => quietLogger, error: () => quietLogger, warn: () => quietLogger, info: () => quietLogger, debug: () => quietLogger } as never;

async function drawSvg(r: Renderers, chart: Chart): Promise<string> {
  const compiled = r.compile(chart.spec as unknown as import('vega-lite').TopLevelSpec, { logger: quietLogger }).spec;
  const view = new r.vega.View(r.vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

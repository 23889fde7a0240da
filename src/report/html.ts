/**
 * `report.html`: one self-contained page (styles inline, charts as inline SVG, Inter embedded as WOFF,
 * no script, no font or image fetched), readable on a laptop and a phone, in light and dark mode, and in
 * print. Every number a finding names is a `<data>` element carrying its CSV value and where it comes from, so a test (or a
 * curious reader) can check it against the CSV files. Nothing here depends on time or paths: identical
 * runs write identical bytes.
 */
import { readFileSync } from 'node:fs';
import type { Config } from '../config/index.js';
import type { Table } from '../summaries/table.js';
import type { Findings, Section } from './findings.js';
import { fixed, isMoneyColumn, percent, show } from './format.js';
import { definitions, kCourseDifferences } from './method.js';
import { isQuote, type Sentence } from './quotes.js';
import type { DrawnChart } from './render.js';
import { fontFiles } from './text-width.js';
import { woffFromSfnt } from './woff.js';

export interface HtmlInput {
  tables: readonly Table[];
  config: Config;
  findings: Findings;
  charts: readonly DrawnChart[];
}

/** Rows of a table shown on the page; the CSV and the workbook have them all. */
const kMaxRows = 25;

export const kCitation = 'The Instacart Online Grocery Shopping Dataset 2017';

export function renderHtml(input: HtmlInput): string {
  const { findings } = input;
  const tables = new Map(input.tables.map((t) => [t.name, t]));
  const charts = new Map(input.charts.map((c) => [c.chart.id, c]));
  const shown = new Set<string>();
  const body = [
    header(input),
    '<main>',
    headlines(findings),
    ...findings.sections.filter((sec) => sec.id !== 'quality').map((sec) => section(sec, charts, tables, shown)),
    recommendations(findings),
    ...findings.sections.filter((sec) => sec.id === 'quality').map((sec) => section(sec, charts, tables, shown)),
    methodology(input.config),
    '</main>',
    footer(),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Instacart basket analysis: report</title>
<style>${fontFaces()}${kStyle}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}

function header({ findings }: HtmlInput): string {
  const links = [['headlines', 'Headlines'], ...findings.sections.filter((s) => s.id !== 'quality').map((s) => [s.id, `${s.number} ${s.title}`]), ['recommendations', 'Recommendations'], ['quality', 'Data quality'], ['method', 'Methodology']];
  return `<header>
<p class="eyebrow">instacart-etl report</p>
<h1>Instacart basket analysis</h1>
<p class="lede">What the order data says about when people shop, what they buy and how customer groups differ, written from the summary tables in <code>csv/</code>. Every number in the text is a value of those tables.</p>
<nav aria-label="Contents"><ol>${links.map(([id, text]) => `<li><a href="#${id}">${esc(text!)}</a></li>`).join('')}</ol></nav>
</header>`;
}

function headlines(findings: Findings): string {
  const warnings = findings.warnings.length === 0 ? '' : `<div class="warning" role="alert"><h3>Check the input first</h3><ul>${findings.warnings.map((w) => `<li>${sentence(w, true)}</li>`).join('')}</ul></div>`;
  return `<section id="headlines" aria-labelledby="h-headlines">
<h2 id="h-headlines">Headlines</h2>
${warnings}<ul class="headlines">${findings.headlines.map((h) => `<li>${sentence(h)}</li>`).join('')}</ul>
</section>`;
}

function section(sec: Section, charts: Map<string, DrawnChart>, tables: Map<string, Table>, shown: Set<string>): string {
  const number = sec.number === '' ? '' : `<span class="qnum">${esc(sec.number)}</span> `;
  const figures = sec.charts.map((id) => charts.get(id)).filter((c): c is DrawnChart => c !== undefined);
  const behind = sec.tables.filter((name) => tables.has(name) && !shown.has(name));
  for (const name of behind) shown.add(name);
  return `<section id="${sec.id}" aria-labelledby="h-${sec.id}">
<h2 id="h-${sec.id}">${number}${esc(sec.title)}</h2>
<p class="question">${esc(sec.question)}</p>
${sec.findings.length === 0 ? '<p>No data for this question.</p>' : `<ul class="findings">${sec.findings.map((f) => `<li>${sentence(f)}</li>`).join('')}</ul>`}
${figures.map(figure).join('\n')}
${behind.length === 0 ? '' : `<h3 class="tables-title">Tables behind this section</h3>\n${behind.map((name) => tableHtml(tables.get(name)!)).join('\n')}`}
</section>`;
}

function recommendations(findings: Findings): string {
  return `<section id="recommendations" aria-labelledby="h-recommendations">
<h2 id="h-recommendations">Recommendations</h2>
<p class="question">Each rests on the number it cites.</p>
<ol class="recommendations">${findings.recommendations.map((r) => `<li>${sentence(r)}</li>`).join('')}</ol>
</section>`;
}

function methodology(config: Config): string {
  return `<section id="method" aria-labelledby="h-method">
<h2 id="h-method">Methodology</h2>
<p>Definitions and thresholds as this run applied them (change them in a config file: <code>instacart run --config FILE</code>).</p>
<div class="table-wrap"><table class="definitions"><thead><tr><th scope="col">Term</th><th scope="col">Definition</th><th scope="col">Tables</th></tr></thead><tbody>
${definitions(config)
  .map((d) => `<tr><th scope="row"><code>${esc(d.term)}</code></th><td>${esc(d.definition)}</td><td>${esc(d.tables)}</td></tr>`)
  .join('\n')}
</tbody></table></div>
<h3>Where this differs from the course</h3>
<ul>${kCourseDifferences.map((d) => `<li>${esc(d)}</li>`).join('')}</ul>
</section>`;
}

function footer(): string {
  return `<footer><p>Data: “${esc(kCitation)}”, accessed via Kaggle. Tables, workbook and this page: instacart-etl. Customer names are never stored or shown; cells of few customers are left blank.</p></footer>`;
}

/** A chart as a figure: the SVG (with a title and description for screen readers) and its question. */
function figure(drawn: DrawnChart): string {
  const { chart } = drawn;
  return `<figure id="chart-${chart.id}" class="chart">
<div class="chart-box">${accessibleSvg(drawn)}</div>
<figcaption>${esc(chart.question)}</figcaption>
</figure>`;
}

/**
 * The chart's SVG made fit to sit in the page beside others: its ids (clip paths, gradients) prefixed by
 * the chart id, so that two charts never share one; role img with a title and a description; and sized
 * by CSS (width 100% up to its own width, height from the viewBox).
 */
export function accessibleSvg({ chart, svg }: DrawnChart): string {
  const ids = new Map<string, string>();
  let text = svg.replace(/\bid="([^"]+)"/g, (_, id: string) => {
    const renamed = `${chart.id}-${ids.size + 1}`;
    ids.set(id, renamed);
    return `id="${renamed}"`;
  });
  text = text.replace(/url\(#([^)]+)\)/g, (whole, id: string) => (ids.has(id) ? `url(#${ids.get(id)})` : whole));
  const open = text.indexOf('>');
  const width = /width="(\d+(?:\.\d+)?)"/.exec(text.slice(0, open))?.[1] ?? '600';
  const root = text
    .slice(0, open)
    .replace(/ (width|height)="[^"]*"/g, '')
    .concat(` role="img" aria-labelledby="${chart.id}-title ${chart.id}-desc" style="max-width:${width}px">`);
  return `${root}<title id="${chart.id}-title">${esc(chart.title)}</title><desc id="${chart.id}-desc">${esc(chart.alt)}</desc>${text.slice(open + 1)}`;
}

/** A table as HTML: header cells, numbers formatted by column kind, blank small cells marked. */
function tableHtml(table: Table): string {
  const rows = table.rows.slice(0, kMaxRows);
  const more = table.rows.length > kMaxRows ? ` (first ${kMaxRows} of ${table.rows.length} rows; all in the CSV and the workbook)` : '';
  const head = table.columns.map((c) => `<th scope="col"${c.kind === 'text' ? '' : ' class="num"'}>${esc(c.name)}</th>`).join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${row
          .map((cell, k) => {
            const column = table.columns[k]!;
            if (cell === null) return '<td class="blank"></td>';
            if (typeof cell === 'string') return k === 0 ? `<th scope="row">${esc(cell)}</th>` : `<td>${esc(cell)}</td>`;
            const text = column.kind === 'share' ? percent(cell) : isMoneyColumn(column) ? `$${fixed(cell, 2)}` : column.kind === 'decimal' ? fixed(cell, 2) : fixed(cell, 0);
            return k === 0 ? `<th scope="row" class="num">${text}</th>` : `<td class="num">${text}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('\n');
  return `<details class="table">
<summary><code>${esc(table.name)}</code>: ${esc(table.grain)}${esc(more)}</summary>
<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table></div>
</details>`;
}

/** A sentence as HTML: quotes as `<data>` elements carrying the CSV value and its place. */
function sentence(parts: Sentence, strongFirst = false): string {
  const html = parts
    .map((part) =>
      isQuote(part)
        ? `<data value="${esc(part.csv)}" data-table="${esc(part.table)}" data-row="${part.row}" data-column="${esc(part.column)}" data-display="${part.display}">${esc(show(Number(part.csv), part.display))}</data>`
        : esc(part),
    )
    .join('');
  return strongFirst ? html.replace(/^([a-z])/, (c) => c.toUpperCase()) : html;
}

function esc(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

let faces: string | undefined;

/**
 * Inter, regular and bold, embedded as WOFF data: the charts are laid out with Inter's widths (see
 * text-width.ts), and a reader's own fonts can be wider (DejaVu Sans by some 5-7%), which cut labels and
 * subtitles at a chart's edge. About 0.45 MB of the page. The page text uses Inter too.
 */
export function fontFaces(): string {
  faces ??= Object.entries(fontFiles())
    .map(([face, file]) => `@font-face{font-family:Inter;font-style:normal;font-weight:${face === 'bold' ? 700 : 400};src:url(data:font/woff;base64,${woffFromSfnt(readFileSync(file)).toString('base64')}) format("woff")}`)
    .join('\n');
  return faces;
}

const kStyle = `
:root{color-scheme:light dark;--bg:#ffffff;--fg:#1f2328;--muted:#57606a;--line:#d0d7de;--card:#f6f8fa;--accent:#2f5f98;--warn-bg:#fff4e0;--warn-line:#e8891a;--quote:#0b3d75}
@media (prefers-color-scheme:dark){:root{--bg:#0f1419;--fg:#e6edf3;--muted:#9aa4ae;--line:#30363d;--card:#161c23;--accent:#8cb8ec;--warn-bg:#33260f;--warn-line:#e8891a;--quote:#b9d6fb}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.6 Inter,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header,main,footer{max-width:62rem;margin:0 auto;padding:0 1.25rem}
header{padding-top:2rem;padding-bottom:1rem;border-bottom:1px solid var(--line)}
.eyebrow{margin:0;color:var(--muted);font-size:.85rem;letter-spacing:.04em;text-transform:uppercase}
h1{margin:.2rem 0 .6rem;font-size:2rem;line-height:1.2}
h2{margin:2.6rem 0 .4rem;font-size:1.45rem;line-height:1.3;padding-top:.6rem;border-top:1px solid var(--line)}
h3{font-size:1.05rem;margin:1.6rem 0 .4rem}
main>section:first-child>h2{border-top:none;padding-top:0}
.lede{max-width:46rem;color:var(--muted);margin:.2rem 0 1rem}
nav ol{display:flex;flex-wrap:wrap;gap:.3rem .5rem;list-style:none;margin:0;padding:0}
nav a{display:inline-block;padding:.2rem .6rem;border:1px solid var(--line);border-radius:999px;color:var(--accent);text-decoration:none;font-size:.9rem}
nav a:hover,nav a:focus{background:var(--card)}
.qnum{display:inline-block;min-width:2.2rem;padding:0 .4rem;margin-right:.3rem;border-radius:.4rem;background:var(--accent);color:var(--bg);font-size:1rem;text-align:center;vertical-align:.15em}
.question{color:var(--muted);font-style:italic;margin:.2rem 0 .8rem;max-width:46rem}
ul.findings,ul.headlines,ol.recommendations{max-width:46rem;padding-left:1.3rem}
ul.findings li,ul.headlines li,ol.recommendations li{margin:.35rem 0}
ul.headlines{font-size:1.05rem}
data{font-weight:650;color:var(--quote);font-variant-numeric:tabular-nums;white-space:nowrap}
.warning{border:2px solid var(--warn-line);background:var(--warn-bg);border-radius:.5rem;padding:.4rem 1rem;margin:1rem 0;max-width:46rem}
.warning h3{margin:.4rem 0}
figure.chart{margin:1.6rem 0;padding:1rem;border:1px solid var(--line);border-radius:.6rem;background:var(--card);break-inside:avoid;page-break-inside:avoid}
.chart-box{overflow-x:auto}
.chart-box svg{display:block;width:100%;height:auto}
figcaption{margin-top:.5rem;color:var(--muted);font-size:.9rem}
details.table{margin:.5rem 0;border:1px solid var(--line);border-radius:.5rem;padding:.3rem .8rem}
details.table summary{cursor:pointer;padding:.3rem 0}
.table-wrap{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-size:.88rem;font-variant-numeric:tabular-nums;margin:.4rem 0 .8rem}
th,td{padding:.3rem .6rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{border-bottom:2px solid var(--line);white-space:nowrap}
.num{text-align:right;white-space:nowrap}
td.blank{background:repeating-linear-gradient(135deg,transparent 0 4px,var(--line) 4px 5px)}
table.definitions td,table.definitions th{font-size:.88rem}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
footer{margin-top:3rem;padding-top:1rem;padding-bottom:2rem;border-top:1px solid var(--line);color:var(--muted);font-size:.85rem}
a{color:var(--accent)}
@media (max-width:40rem){body{font-size:15px}h1{font-size:1.6rem}h2{font-size:1.25rem}figure.chart{padding:.5rem;margin:1.2rem -.5rem}header,main,footer{padding-left:.9rem;padding-right:.9rem}}
@media print{:root{--bg:#fff;--fg:#000;--muted:#444;--card:#fff;--quote:#000}nav{display:none}figure.chart{border:none;padding:0}h2{break-after:avoid}details.table{display:none}a{color:inherit;text-decoration:none}}
`;

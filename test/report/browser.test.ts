/**
 * report.html in a real browser (issue 10): headless Chromium (Debian's `chromium`, driven by
 * playwright-core with the system binary, nothing downloaded) opens the page from file:// and finds no
 * network request, no console error, every chart drawn with a size and in Inter (the font vega laid it
 * out with) with no text cut at its edges, no page wider than a phone, and the dark colours under
 * prefers-color-scheme: dark. Screenshots at a laptop and a phone width are saved
 * (their folder is logged).
 *
 * Without Chromium the tests are skipped with a note (install it: `apt-get install -y chromium`, or
 * point CHROMIUM_PATH at a Chromium binary). CI sets INSTACART_REQUIRE_BROWSER=1: there a missing
 * browser fails instead.
 */
import test from 'ava';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { reportRun } from './fixture.js';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((p): p is string => p !== undefined && p !== '');
const chromium = candidates.find((p) => existsSync(p));
const required = process.env.INSTACART_REQUIRE_BROWSER === '1';
const note = 'skipped: no Chromium found (install it with `apt-get install -y chromium`, or set CHROMIUM_PATH)';

const prepared = reportRun(test, 'instacart-browser-');
const screenshots = process.env.INSTACART_SCREENSHOTS ?? join(tmpdir(), 'instacart-report-screenshots');

if (chromium === undefined && required) {
  test('Chromium is installed (INSTACART_REQUIRE_BROWSER=1)', (t) => {
    t.fail(`no Chromium at ${candidates.join(', ')}: CI installs it (apt-get install -y chromium) before npm test`);
  });
}

const browserTest = chromium === undefined ? test.skip : test.serial;

const kWidths = [
  { name: 'laptop', width: 1366, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

for (const { name, width, height } of kWidths) {
  browserTest(`${name} width (${width} px): no request, no console error, every chart drawn${chromium === undefined ? ` (${note})` : ''}`, async (t) => {
    const { out } = await prepared();
    const { chromium: launcher } = await import('playwright-core');
    const browser = await launcher.launch({ executablePath: chromium!, args: ['--no-sandbox'] });
    t.teardown(() => browser.close());
    const page = await browser.newPage({ viewport: { width, height } });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url());
    });
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    const file = join(out, 'report.html');
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    t.deepEqual(requests, [], 'no network request');
    t.deepEqual(errors, [], 'no console error');
    const charts = await page.$$eval('figure.chart svg', (svgs) => svgs.map((svg) => ({ id: svg.closest('figure')!.id, ...svg.getBoundingClientRect().toJSON() as { width: number; height: number } })));
    const expected = (readFileSync(file, 'utf8').match(/<figure id="chart-/g) ?? []).length;
    t.true(expected >= 12);
    t.is(charts.length, expected);
    for (const chart of charts) t.true(chart.width > 100 && chart.height > 80, `${chart.id}: ${chart.width} x ${chart.height}`);
    // The charts are laid out with Inter's widths; the page carries Inter, so no label runs out of its chart.
    const faces = (await page.evaluate("document.fonts.ready.then(() => [...document.fonts].filter((f) => f.family.replaceAll('\"', '') === 'Inter' && f.status === 'loaded').map((f) => f.weight))")) as string[];
    t.deepEqual(faces.sort(), ['400', '700'], 'Inter regular and bold are loaded from the page');
    const cut = (await page.evaluate(`[...document.querySelectorAll('figure.chart svg')].flatMap((svg) => {
      const box = svg.getBoundingClientRect();
      return [...svg.querySelectorAll('text')].map((text) => ({ text: text.textContent, r: text.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1))
        .map(({ text }) => svg.closest('figure').id + ': ' + text);
    })`)) as string[];
    t.deepEqual(cut, [], 'every chart text lies inside its chart');
    // Page-side code as text: the tests compile without the DOM library.
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
    t.true(overflow <= 0, `the page is ${overflow} px wider than the window`);
    mkdirSync(screenshots, { recursive: true });
    const shot = join(screenshots, `report-${name}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    t.true(readFileSync(shot).length > 10_000);
    t.log(`screenshot: ${shot}`);
  });
}

browserTest(`dark mode: dark background, light text, charts in the text colour${chromium === undefined ? ` (${note})` : ''}`, async (t) => {
  const { out } = await prepared();
  const { chromium: launcher } = await import('playwright-core');
  const browser = await launcher.launch({ executablePath: chromium!, args: ['--no-sandbox'] });
  t.teardown(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, colorScheme: 'dark' });
  await page.goto(pathToFileURL(join(out, 'report.html')).href);
  const luminance = (rgb: string): number => {
    const [r, g, b] = (rgb.match(/\d+/g) ?? ['0', '0', '0']).map(Number);
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const colours = (await page.evaluate("({ background: getComputedStyle(document.body).backgroundColor, text: getComputedStyle(document.body).color, axis: getComputedStyle(document.querySelector('figure.chart svg text')).fill })")) as { background: string; text: string; axis: string };
  t.true(luminance(colours.background) < 60, colours.background);
  t.true(luminance(colours.text) > 180, colours.text);
  t.true(luminance(colours.axis) > 180, `chart text follows the page: ${colours.axis}`);
  const shot = join(screenshots, 'report-laptop-dark.png');
  await page.screenshot({ path: shot, fullPage: false });
  t.log(`screenshot: ${shot}`);
});

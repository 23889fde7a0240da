/**
 * The shape issue 8 asked for, kept: the folders are the flow and import each other one way only (no
 * cycle between folders, type imports included); the run's functions stay short enough to read as the
 * flow (60 lines at most in src/pipeline/); and the run's data path carries no `as never` or
 * `as unknown as` casts, which would hide a type the compiler should check.
 */
import test from 'ava';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(new URL('../../..', import.meta.url).pathname);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (entry.endsWith('.ts')) out.push(path);
  }
  return out;
}

const files = [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'workers'))];

/** `src/ingest`, `workers`: the folder a file belongs to. */
function folderOf(path: string): string {
  const rel = relative(root, path).split('/');
  return rel[0] === 'src' ? `src/${rel[1]}` : rel[0]!;
}

function parse(path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
}

/** Relative module specifiers of every import, export-from and dynamic import. */
function importsOf(file: ts.SourceFile): string[] {
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) specifiers.push(node.moduleSpecifier.text);
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) specifiers.push(node.arguments[0].text);
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) specifiers.push(node.argument.literal.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return specifiers.filter((s) => s.startsWith('.'));
}

test('no import cycle between folders (type imports included)', (t) => {
  const edges = new Map<string, Set<string>>();
  for (const path of files) {
    const from = folderOf(path);
    for (const specifier of importsOf(parse(path))) {
      const to = folderOf(resolve(dirname(path), specifier));
      if (to === from) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)!.add(to);
    }
  }
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const walk = (folder: string, path: string[]): void => {
    if (state.get(folder) === 'done') return;
    if (state.get(folder) === 'open') {
      cycles.push([...path.slice(path.indexOf(folder)), folder].join(' -> '));
      return;
    }
    state.set(folder, 'open');
    for (const next of edges.get(folder) ?? []) walk(next, [...path, folder]);
    state.set(folder, 'done');
  };
  for (const folder of [...edges.keys()].sort()) walk(folder, []);
  t.deepEqual(cycles, []);
  t.true(edges.size >= 10, 'the folder graph was read');
  // The leaves stay leaves: the CSV kernel and the reject list import no other folder; the workers
  // build on them only (and the generator's block worker on the generator).
  t.deepEqual([...(edges.get('src/csv') ?? [])], []);
  t.deepEqual([...(edges.get('src/rejects') ?? [])], []);
  t.deepEqual([...(edges.get('workers') ?? [])].sort(), ['src/csv', 'src/generate', 'src/rejects']);
});

test('no function in src/pipeline/ is longer than 60 lines', (t) => {
  const long: string[] = [];
  for (const path of files.filter((p) => folderOf(p) === 'src/pipeline')) {
    const file = parse(path);
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
        const start = file.getLineAndCharacterOfPosition(node.getStart()).line;
        const end = file.getLineAndCharacterOfPosition(node.getEnd()).line;
        const name = 'name' in node && node.name !== undefined ? node.name.getText() : '(anonymous)';
        if (end - start + 1 > 60) long.push(`${relative(root, path)}:${start + 1} ${name}: ${end - start + 1} lines`);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  t.deepEqual(long, []);
});

test('no `as never` or `as unknown as` on the data path', (t) => {
  const dataPath = ['src/pipeline', 'src/ingest', 'src/freshness', 'src/reduce', 'src/store', 'src/sources', 'src/csv', 'src/rejects', 'src/derive', 'workers'];
  const found: string[] = [];
  for (const path of files.filter((p) => dataPath.includes(folderOf(p)))) {
    readFileSync(path, 'utf8').split('\n').forEach((line, k) => {
      if (/\bas never\b|\bas unknown as\b/.test(line)) found.push(`${relative(root, path)}:${k + 1}: ${line.trim()}`);
    });
  }
  t.deepEqual(found, []);
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

/**
 * The import graph of a source folder, read from the sources with the TypeScript parser: every
 * `import` and `export … from` (type-only ones included), `import('…')` types and calls, and
 * `require('…')`. Relative specifiers are resolved the way the project's module settings do
 * (`x.ts`, then `x/index.ts`); package specifiers are kept as written.
 */
export interface ImportGraph {
  root: string;
  /** Absolute path of each module → the absolute paths of the local modules it imports. */
  edges: Map<string, string[]>;
  /** Absolute path of each module → every import it makes: a resolved path or a package name. */
  imports: Map<string, string[]>;
}

export function readImportGraph(root: string): ImportGraph {
  const files = sourceFilesUnder(root);
  const edges = new Map<string, string[]>();
  const imports = new Map<string, string[]>();
  for (const file of files) {
    const resolved = specifiersOf(file).map((spec) => resolveSpecifier(file, spec));
    imports.set(file, resolved);
    edges.set(file, [...new Set(resolved.filter((target) => edgesTarget(target, root)))]);
  }
  return { root, edges, imports };
}

function edgesTarget(target: string, root: string): boolean {
  return path.isAbsolute(target) && !path.relative(root, target).startsWith('..');
}

function sourceFilesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFilesUnder(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function specifiersOf(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push(node.moduleSpecifier.text);
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      found.push(node.argument.literal.text);
    } else if (ts.isCallExpression(node) && isImportOrRequire(node)) {
      const [first] = node.arguments;
      if (first && ts.isStringLiteralLike(first)) found.push(first.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function isImportOrRequire(call: ts.CallExpression): boolean {
  return (
    call.expression.kind === ts.SyntaxKind.ImportKeyword ||
    (ts.isIdentifier(call.expression) && call.expression.text === 'require')
  );
}

function resolveSpecifier(from: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts'), base]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return base;
}

/**
 * Every import cycle, one per strongly connected group of modules (Tarjan's algorithm), each
 * given as one concrete loop through the group: `[a, b, c, a]`.
 */
export function findCycles(edges: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group = new Set<string>();
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.add(member);
    } while (member !== node);
    if (group.size > 1 || (edges.get(node) ?? []).includes(node)) {
      cycles.push(loopThrough(node, group, edges));
    }
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) connect(node);
  return cycles;
}

/** The shortest loop from `start` back to itself inside `group` (breadth-first). */
function loopThrough(start: string, group: Set<string>, edges: Map<string, string[]>): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of edges.get(node) ?? []) {
      if (!group.has(next)) continue;
      if (next === start) {
        const loop = [start];
        for (let at = node; at !== start; at = cameFrom.get(at)!) loop.splice(1, 0, at);
        return [...loop, start];
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

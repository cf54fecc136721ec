import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findCycles, readImportGraph } from '../support/import-graph';

/*
 * The engine's module structure, computed from its sources. Type-only imports count as much as
 * runtime ones: a type cycle still ties the modules together (neither can be read or moved on its
 * own), and deleting the word `type` turns it into a runtime cycle, where a module can see
 * another's exports as undefined while they load.
 */
const repo = path.resolve(__dirname, '../..');
const engine = path.join(repo, 'engine');
const shown = (file: string) => path.relative(repo, file);

/** The application around the engine: the engine is a general engine and knows none of it. */
const OUTSIDE = ['server', 'workers', 'domain', 'processes', 'web'];

describe("the engine's modules", () => {
  const graph = readImportGraph(engine);

  it('are all read, imports included', () => {
    const messages = graph.edges.get(path.join(engine, 'runtime/behaviors/messages.ts'));
    expect(messages).toContain(path.join(engine, 'runtime/behaviors/event-triggers.ts'));
    expect(graph.edges.size).toBeGreaterThan(150);
  });

  it('import each other without a cycle', () => {
    const cycles = findCycles(graph.edges).map((loop) => loop.map(shown).join(' → '));
    expect(cycles).toEqual([]);
  });

  it('import nothing from the application around the engine', () => {
    const offending = [...graph.imports].flatMap(([file, targets]) =>
      targets
        .filter((target) => path.isAbsolute(target))
        .filter((target) => OUTSIDE.includes(shown(target).split(path.sep)[0]!))
        .map((target) => `${shown(file)} → ${shown(target)}`),
    );
    expect(offending).toEqual([]);
  });
});

describe('the import cycle finder', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-graph-'));
    const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
    fs.mkdirSync(path.join(dir, 'c'));
    write('a.ts', "import type { B } from './b';\nexport type A = typeof B;\n");
    write('b.ts', "export { c as B } from './c';\n");
    write('c/index.ts', "export { d as c } from '../d';\nexport type Back = import('../a').A;\n");
    write('d.ts', "export const d = require('node:path');\n");
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists a cycle made of type imports, re-exports and import types as one loop', () => {
    const graph = readImportGraph(dir);
    const cycles = findCycles(graph.edges).map((loop) =>
      loop.map((file) => path.relative(dir, file)),
    );
    expect(cycles).toEqual([['a.ts', 'b.ts', path.join('c', 'index.ts'), 'a.ts']]);
    expect(graph.imports.get(path.join(dir, 'd.ts'))).toEqual(['node:path']);
  });
});

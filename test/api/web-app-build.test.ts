import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureWebApp } from '../../server/web-app';

/**
 * `npm start` builds the web app when its build is missing (`ensureWebApp`), logging what it
 * does; a failed build is logged with its reason and never stops the server.
 */
describe('building the web app at start', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-web-build-'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('builds a missing web/dist into place and says so', async () => {
    const dist = path.join(tmp, 'dist');
    const lines: string[] = [];
    const build = ensureWebApp((line) => lines.push(line), dist);
    expect(build).toBeDefined();
    expect(lines[0]).toMatch(/web app not built yet: building .*dist/);
    await build!.done;
    const index = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
    expect(index).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js">/);
    expect(index).not.toMatch(/<script>/); // no inline script: the CSP allows none
    expect(lines[1]).toMatch(/web app built in \d+\.\d s/);
    // Only the finished build is left: no half-written folder beside it.
    expect(fs.readdirSync(tmp)).toEqual(['dist']);

    expect(ensureWebApp((line) => lines.push(line), dist)).toBeUndefined();
    expect(lines).toHaveLength(2);
  }, 180_000);

  it('logs why a build failed and lets the caller go on', async () => {
    const blocker = path.join(tmp, 'a-file');
    fs.writeFileSync(blocker, 'not a folder');
    const lines: string[] = [];
    const build = ensureWebApp((line) => lines.push(line), path.join(blocker, 'dist'));
    await expect(build!.done).rejects.toThrow();
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines[1]).toMatch(/^WARNING: the web app could not be built; .*\S/s);
  }, 180_000);
});

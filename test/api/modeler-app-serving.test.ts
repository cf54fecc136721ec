import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { useTestDatabase } from '../support/database';
import { makeApp, type TestApp } from './helpers';

/**
 * The process modeler's build is served at `/modeler/` beside the staff app at `/`: its own
 * index.html for every page address under `/modeler/`, its hashed assets cached for good, and
 * a page of its own when it is not built.
 */
describe('serving the process modeler', () => {
  const db = useTestDatabase();
  let web: string;
  let modeler: string;
  let t: TestApp;
  const WEB_INDEX = '<!doctype html><html><body><div id="app">staff</div></body></html>';
  const MODELER_INDEX = '<!doctype html><html><body><div id="app">modeler</div></body></html>';

  beforeAll(() => {
    web = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-web-dist-'));
    modeler = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-modeler-dist-'));
    fs.writeFileSync(path.join(web, 'index.html'), WEB_INDEX);
    fs.mkdirSync(path.join(modeler, 'assets'));
    fs.writeFileSync(path.join(modeler, 'index.html'), MODELER_INDEX);
    fs.writeFileSync(path.join(modeler, 'assets', 'index-abc123.js'), 'console.log(1);');
    t = makeApp(db.knex, { webDistDir: web, modelerDistDir: modeler });
  });
  afterAll(() => {
    fs.rmSync(web, { recursive: true, force: true });
    fs.rmSync(modeler, { recursive: true, force: true });
  });

  it('answers addresses under /modeler/ with its index.html, not cached', async () => {
    const bare = await request(t.app).get('/modeler');
    expect(bare.status).toBe(301);
    expect(bare.headers.location).toBe('/modeler/');
    for (const url of ['/modeler/', '/modeler/demand-handling', '/modeler/a/b?x=1']) {
      const res = await request(t.app).get(url);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toBe(MODELER_INDEX);
    }
    expect((await request(t.app).get('/workbench')).text).toBe(WEB_INDEX);
  });

  it('serves its hashed assets for good; a missing one is a 404', async () => {
    const asset = await request(t.app).get('/modeler/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toMatch(/immutable/);
    expect((await request(t.app).get('/modeler/assets/index-gone.js')).status).toBe(404);
  });

  it('says so when it is not built', async () => {
    const unbuilt = makeApp(db.knex, {
      webDistDir: web,
      modelerDistDir: path.join(modeler, 'missing'),
    });
    const res = await request(unbuilt.app).get('/modeler/');
    expect(res.status).toBe(503);
    expect(res.text).toContain('npm run modeler:build');
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { useTestDatabase } from '../support/database';
import { makeApp, type TestApp } from './helpers';

/**
 * The server serves the staff web app's build at `/`: its files, `index.html` for the app's
 * own routes (a reload of /workbench/123 works), never for `/api`; a plain page when there is
 * no build; and a Content-Security-Policy that allows no inline script.
 */
describe('serving the web app', () => {
  const db = useTestDatabase();
  let dist: string;
  let t: TestApp;
  const INDEX = '<!doctype html><html><body><div id="app"></div></body></html>';

  beforeAll(() => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-web-dist-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), INDEX);
    fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1);');
    t = makeApp(db.knex, { webDistDir: dist });
  });
  afterAll(() => fs.rmSync(dist, { recursive: true, force: true }));

  it('answers / and the app routes with index.html, not cached', async () => {
    for (const url of ['/', '/workbench', '/workbench/2251799813685289', '/login?redirect=%2F']) {
      const res = await request(t.app).get(url);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toBe(INDEX);
    }
  });

  it('serves the hashed assets for good, and a missing asset is a 404, not the app', async () => {
    const asset = await request(t.app).get('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toMatch(/immutable/);
    const missing = await request(t.app).get('/assets/index-gone.js');
    expect(missing.status).toBe(404);
    expect(missing.text).not.toContain('id="app"');
  });

  it('leaves /api to the API: an unknown route is a problem document, not the app', async () => {
    const res = await request(t.app).get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const session = await request(t.app).get('/api/session');
    expect(session.status).toBe(401);
  });

  it('sends a CSP with scripts from the app only and inline styles allowed', async () => {
    const res = await request(t.app).get('/workbench');
    const csp = res.headers['content-security-policy'] as string;
    const directive = (name: string) =>
      csp
        .split(';')
        .map((part) => part.trim())
        .find((part) => part.startsWith(`${name} `));
    expect(directive('script-src')).toBe("script-src 'self'");
    expect(directive('script-src-attr')).toBe("script-src-attr 'none'");
    expect(directive('style-src')).toBe("style-src 'self' 'unsafe-inline'");
    expect(directive('default-src')).toBe("default-src 'self'");
  });

  it('without a build, answers a plain page saying so (503), and the API still works', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-web-none-'));
    try {
      const app = makeApp(db.knex, { webDistDir: path.join(empty, 'dist') }).app;
      const res = await request(app).get('/workbench');
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('网页端尚未构建');
      expect(res.text).toContain('npm run web:build');
      expect(res.text).not.toMatch(/<script/i);
      expect((await request(app).get('/api/session')).status).toBe(401);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

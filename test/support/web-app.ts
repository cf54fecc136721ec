import fs from 'node:fs';
import path from 'node:path';
import {
  buildWebApp,
  MODELER_DIR,
  MODELER_DIST_DIR,
  WEB_DIR,
  WEB_DIST_DIR,
} from '../../server/web-app';

/** The newest modification time under `dir` (files only), 0 when it has none. */
function newestUnder(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Whether web/dist is missing or older than any source of the web app. */
export function webAppIsStale(appDir: string = WEB_DIR, distDir: string = WEB_DIST_DIR): boolean {
  const index = path.join(distDir, 'index.html');
  if (!fs.existsSync(index)) return true;
  const sources = Math.max(
    newestUnder(path.join(appDir, 'src')),
    ...['index.html', 'vite.config.ts', 'tsconfig.json'].map(
      (name) => fs.statSync(path.join(appDir, name)).mtimeMs,
    ),
  );
  return sources > fs.statSync(index).mtimeMs;
}

/**
 * Builds web/dist for tests that load the app in a browser, only when its sources are newer
 * than the build. Builds of several test files at once each write their own folder and swap
 * it in (server/web-app), so they cannot corrupt each other.
 */
export async function ensureWebAppBuilt(): Promise<void> {
  if (!webAppIsStale()) return;
  await buildWebApp(WEB_DIST_DIR).done;
}

/** `ensureWebAppBuilt` for the process modeler (web-modeler/dist). */
export async function ensureModelerAppBuilt(): Promise<void> {
  if (!webAppIsStale(MODELER_DIR, MODELER_DIST_DIR)) return;
  await buildWebApp(MODELER_DIST_DIR, MODELER_DIR).done;
}

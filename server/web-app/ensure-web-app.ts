import path from 'node:path';
import { buildWebApp, webAppBuilt, type WebBuild } from './build-web-app';
import { WEB_DIST_DIR } from './web-paths';

/**
 * `npm start` on a checkout without web/dist builds it, beside the rest of the start-up. The
 * server starts either way; until a build is in place (or when it fails) `/` answers a page
 * saying the web app is not built, and the log says why. Returns the build, if one started.
 */
export function ensureWebApp(
  log: (line: string) => void,
  distDir: string = WEB_DIST_DIR,
): WebBuild | undefined {
  if (webAppBuilt(distDir)) return undefined;
  const shown = path.relative(process.cwd(), distDir) || distDir;
  log(`web app not built yet: building ${shown} (as npm run web:build does)`);
  const started = Date.now();
  const build = buildWebApp(distDir);
  build.done.then(
    () => log(`web app built in ${((Date.now() - started) / 1000).toFixed(1)} s`),
    (error: unknown) =>
      log(
        'WARNING: the web app could not be built; the server runs and / shows a page saying ' +
          `so. ${error instanceof Error ? error.message : String(error)}`,
      ),
  );
  return build;
}

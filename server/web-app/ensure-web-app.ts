import path from 'node:path';
import { buildWebApp, webAppBuilt, type WebBuild } from './build-web-app';
import { MODELER_DIR, MODELER_DIST_DIR, WEB_DIR, WEB_DIST_DIR } from './web-paths';

/**
 * `npm start` on a checkout without web/dist builds it, beside the rest of the start-up. The
 * server starts either way; until a build is in place (or when it fails) `/` answers a page
 * saying the web app is not built, and the log says why. Returns the build, if one started.
 */
export function ensureWebApp(
  log: (line: string) => void,
  distDir: string = WEB_DIST_DIR,
  app: WebAppBuildInfo = STAFF_APP,
): WebBuild | undefined {
  if (webAppBuilt(distDir)) return undefined;
  const shown = path.relative(process.cwd(), distDir) || distDir;
  log(`${app.label} not built yet: building ${shown} (as npm run ${app.script} does)`);
  const started = Date.now();
  const build = buildWebApp(distDir, app.dir);
  build.done.then(
    () => log(`${app.label} built in ${((Date.now() - started) / 1000).toFixed(1)} s`),
    (error: unknown) =>
      log(
        `WARNING: the ${app.label} could not be built; the server runs and ${app.path} shows a ` +
          `page saying so. ${error instanceof Error ? error.message : String(error)}`,
      ),
  );
  return build;
}

/** Which app a build is for: its sources, its npm script, where it is served, a name for logs. */
export interface WebAppBuildInfo {
  dir: string;
  script: string;
  path: string;
  label: string;
}

const STAFF_APP: WebAppBuildInfo = {
  dir: WEB_DIR,
  script: 'web:build',
  path: '/',
  label: 'web app',
};

export const MODELER_APP: WebAppBuildInfo = {
  dir: MODELER_DIR,
  script: 'modeler:build',
  path: '/modeler/',
  label: 'process modeler',
};

/** `ensureWebApp` for the process modeler (web-modeler/dist), served at `/modeler/`. */
export function ensureModelerApp(
  log: (line: string) => void,
  distDir: string = MODELER_DIST_DIR,
): WebBuild | undefined {
  return ensureWebApp(log, distDir, MODELER_APP);
}

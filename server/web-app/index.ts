export { modelerAppRouter, webAppRouter } from './serve-web-app';
export { buildWebApp, webAppBuilt, type WebBuild } from './build-web-app';
export {
  ensureModelerApp,
  ensureWebApp,
  MODELER_APP,
  type WebAppBuildInfo,
} from './ensure-web-app';
export { MODELER_DIR, MODELER_DIST_DIR, WEB_DIR, WEB_DIST_DIR } from './web-paths';

export { webAppRouter } from './serve-web-app';
export { buildWebApp, webAppBuilt, type WebBuild } from './build-web-app';
export { ensureWebApp } from './ensure-web-app';
export { WEB_DIR, WEB_DIST_DIR } from './web-paths';

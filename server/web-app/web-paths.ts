import path from 'node:path';

/** Where the staff web app's sources and build live (web/, web/dist). */
export const WEB_DIR = path.resolve(__dirname, '../../web');
export const WEB_DIST_DIR = path.join(WEB_DIR, 'dist');

/** Where the process modeler's sources and build live (web-modeler/, web-modeler/dist). */
export const MODELER_DIR = path.resolve(__dirname, '../../web-modeler');
export const MODELER_DIST_DIR = path.join(MODELER_DIR, 'dist');

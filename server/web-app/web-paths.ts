import path from 'node:path';

/** Where the staff web app's sources and build live (web/, web/dist). */
export const WEB_DIR = path.resolve(__dirname, '../../web');
export const WEB_DIST_DIR = path.join(WEB_DIR, 'dist');

import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

/**
 * The process modeler's build. `npm run modeler:build` writes web-modeler/dist, which the
 * Express server serves at `/modeler/`; `npm run modeler:dev` proxies `/api` to `npm start`.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/modeler/',
  plugins: [vue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // bpmn-js with its properties panel, dmn-js, form-js and Element Plus are large by nature.
    chunkSizeWarningLimit: 6000,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});

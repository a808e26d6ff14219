// Build of the screens (web/dist), served by the API's Express server (api/static-web.ts).
// No React plugin: esbuild compiles JSX itself; there is no dev server with hot reload to support.
import { defineConfig } from 'vite';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root,
  base: '/',
  logLevel: 'warn',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    sourcemap: true,
    rollupOptions: {
      // react-dsfr marks its modules "use client" (for Next.js): meaningless in a single-page build.
      onwarn(w, warn) {
        if (w.code !== 'MODULE_LEVEL_DIRECTIVE' && w.code !== 'SOURCEMAP_ERROR') warn(w);
      },
    },
  },
  server: {
    proxy: {
      '^/(parcours|usagers|organisation|pilotage|agents|territoires|equipes|lieux|health|openapi)':
        'http://127.0.0.1:3000',
    },
  },
});

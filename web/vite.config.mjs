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
    // Budget of the first load: 300 KB compressed (test/browser checks it); one chunk per screen.
    chunkSizeWarningLimit: 500,
    sourcemap: true,
    rollupOptions: {
      // React Aria marks its modules "use client" (for server components): meaningless in a single-page build.
      onwarn(w, warn) {
        if (w.code !== 'MODULE_LEVEL_DIRECTIVE' && w.code !== 'SOURCEMAP_ERROR') warn(w);
      },
    },
  },
  server: {
    proxy: {
      '^/(parcours|usagers|organisation|pilotage|agents|equipes|communes|couverture|identite|auth|audit|health|openapi)':
        'http://127.0.0.1:3000',
    },
  },
});

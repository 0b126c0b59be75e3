import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The web app's sources live in web/; the server serves the build from web/dist/. */
const root = fileURLToPath(new URL('.', import.meta.url));

/** Where `vite` (the dev server) forwards API and tile requests: a running ordermap server. */
const apiTarget = process.env.ORDERMAP_API ?? 'http://localhost:3000';

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  clearScreen: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsDir: 'assets',
    // MapLibre alone is ~1 MB minified; it gets its own long-lived chunk.
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('/node_modules/maplibre-gl/')) return 'maplibre';
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': apiTarget,
      '/tiles': apiTarget,
      '/media': apiTarget,
    },
  },
});

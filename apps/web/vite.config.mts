import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Vite 8 compiles TSX itself (oxc, automatic JSX runtime): no React plugin is needed.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1200 },
  // `npm run dev:web` proxies the API of a running `npm start`.
  server: { proxy: { '/v1': 'http://localhost:3000' } },
});

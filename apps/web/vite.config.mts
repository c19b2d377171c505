import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Vite 8 compiles TSX itself (oxc, automatic JSX runtime): no React plugin is needed.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  // The contract with the server (types only: nothing of it reaches the bundle).
  resolve: { alias: { '@app/contract': fileURLToPath(new URL('../../libs/contract/src', import.meta.url)) } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1200 },
  // `npm run dev:web` proxies the API of a running `npm start`.
  server: { proxy: { '/v1': 'http://localhost:3000' } },
});

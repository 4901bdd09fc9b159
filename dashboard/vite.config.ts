import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// @vitejs/plugin-react could not be installed beside vite 8.3.8 (peer conflict), so JSX goes through
// Vite 8's built-in oxc transform with React's automatic runtime; no fast refresh in dev, a full reload instead.
export default defineConfig({
  root,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 800,
  },
  server: {
    port: 5173,
    // the API server (npm start) listens on 3000; the dashboard in dev talks to it through this proxy
    proxy: { '/api': process.env.API_URL ?? 'http://localhost:3000' },
  },
});

import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

/**
 * Three apps, one build: each app is its own HTML entry so the phone apps never load the
 * console's Ant Design or ECharts. The server serves dist/ under /shop, /leader and /admin.
 */
const root = import.meta.dirname;
const entries = {
  shop: 'shop/index.html',
  leader: 'leader/index.html',
  admin: 'admin/index.html',
  simpay: 'simpay/index.html',
};
// LINLI_WEB_APPS=shop,simpay builds only those apps (faster while working on one of them).
const only = process.env.LINLI_WEB_APPS?.split(',').filter(Boolean);

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: Object.fromEntries(
        Object.entries(entries)
          .filter(([name]) => !only || only.includes(name))
          .map(([name, file]) => [name, resolve(root, file)]),
      ),
    },
  },
  server: {
    // `npm run dev -w web` next to a running server (port 3000) for hot reload.
    proxy: { '/api': 'http://127.0.0.1:3000', '/favicon.svg': 'http://127.0.0.1:3000' },
  },
});

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API runs as a separate process in development; proxying keeps the SPA same-origin, so the
// session cookie (SameSite=Lax) and the server's same-origin check for writes both just work.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  // The server serves this folder with @fastify/static (WEFT_WEB_DIST defaults to apps/web/dist).
  build: { outDir: 'dist', emptyOutDir: true },
});

// Vite builds the React SPA in web/ into dist/web, which the server serves. `npm run dev` runs the
// server (PORT, default 8080) beside Vite's dev server, which proxies the API, tiles and the live
// channel to it: to the same PORT, so setting it moves both.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const server = `http://127.0.0.1:${process.env.PORT?.trim() || '8080'}`;

export default defineConfig({
  root: 'web',
  publicDir: 'public',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    sourcemap: false,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': server,
      '/tiles': server,
      '/socket.io': { target: server, ws: true },
    },
  },
});

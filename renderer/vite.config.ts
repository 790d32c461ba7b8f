import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is served from the app's own protocol (Electron) or from
// 127.0.0.1 (browser shell): relative asset paths work for both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  // One bundle loaded from local disk, never over a network: the web-page size warning does not apply.
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 4096 },
});

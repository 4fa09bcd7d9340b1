import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Relative base so the built dist/ works from any folder of any static host (hash routing).
export default defineConfig({
  base: './',
  plugins: [react()],
  server: { port: 5173, host: '127.0.0.1' },
  preview: { port: 4173, host: '127.0.0.1', strictPort: true },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2500,
  },
});

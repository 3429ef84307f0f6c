import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API serves the built app; during `npm run dev --workspace web` requests to it are proxied.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': 'http://localhost:3000', '/ogc': 'http://localhost:3000', '/readyz': 'http://localhost:3000' },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API serves the built app; during `npm run dev --workspace web` requests to it are proxied.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': 'http://localhost:3000', '/ogc': 'http://localhost:3000', '/readyz': 'http://localhost:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      output: {
        // zod probes `new Function` when a schema is built unless jitless is set first, and the CSP
        // reports the probe. Keeping zod and its configuration in one chunk of their own makes the
        // configuration run as soon as zod does, before any chunk that builds schemas at load time
        // (left to itself, the bundler put zod into a chunk with the contract's schemas).
        manualChunks: (id: string) =>
          /[\\/]node_modules[\\/]zod[\\/]/.test(id) || /[\\/]src[\\/]zod-config\.ts$/.test(id) ? 'zod' : undefined,
      },
    },
  },
});

import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

// The SPA only ever talks to same-origin /trpc; in dev and preview Vite forwards it (HTTP and
// WebSocket) to the API, in production nginx does (see nginx.conf). /oauth/callback (where an
// `oauth` MCP server's sign-in comes back) goes to the API too, so PUBLIC_API_URL can be the
// SPA's origin. PORT is the API's port, as in .env (default 3000).
export const apiProxy = (apiPort: number): Record<string, ProxyOptions> => ({
  '/trpc': { target: `http://127.0.0.1:${apiPort}`, ws: true },
  '/oauth/callback': { target: `http://127.0.0.1:${apiPort}` },
});
const proxy = apiProxy(Number(process.env.PORT ?? 3000));

export default defineConfig({
  plugins: [react()],
  build: {
    manifest: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
  server: { port: 5173, proxy },
  preview: { port: 4173, proxy },
});

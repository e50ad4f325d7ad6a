import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const apiPaths = [
  '/auth',
  '/cases',
  '/inbox',
  '/admin',
  '/health',
  '/people',
  '/recommenders',
  '/supervision',
  '/reports',
  '/errors',
];

/** The console, built into dist/console and served by the api under /console. */
export default defineConfig(({ command }) => {
  const development = command === 'serve';
  return {
    root,
    base: '/console/',
    // No React plugin: Vite compiles TSX itself with oxc, using React's automatic JSX runtime.
    oxc: { jsx: { runtime: 'automatic', importSource: 'react', development } },
    // A build is always the production React, whatever NODE_ENV the builder runs under (jest sets "test").
    define: development ? {} : { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
      emptyOutDir: true,
      chunkSizeWarningLimit: 1500,
      reportCompressedSize: false,
      rolldownOptions: {
        // Ant Design marks its modules "use client" for React Server Components; a browser bundle has no use for it.
        onwarn(warning, warn) {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
        },
      },
    },
    server: {
      proxy: Object.fromEntries(
        apiPaths.map((path) => [path, process.env.CONSOLE_API_URL ?? 'http://127.0.0.1:3000']),
      ),
    },
  };
});

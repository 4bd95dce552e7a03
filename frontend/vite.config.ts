/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const WEB_FONT_HOSTS = /fonts\.(googleapis|gstatic)\.com/;

/**
 * The app makes no external requests. Solana Mobile's embedded modal (pulled in by
 * wallet-adapter-react for Android browsers) injects Google Fonts <link>s: drop them, and fail
 * the build if any web-font URL still reaches the bundle.
 */
function noWebFonts(): Plugin {
  return {
    name: 'rigshare-no-web-fonts',
    transform(code, id) {
      if (!id.includes('@solana-mobile/') || !WEB_FONT_HOSTS.test(code)) return null;
      return {
        code: code.replace(/<link[^>]*fonts\.(googleapis|gstatic)\.com[^>]*>/g, ''),
        map: null,
      };
    },
    generateBundle(_options, bundle) {
      for (const [fileName, output] of Object.entries(bundle)) {
        const text = output.type === 'chunk' ? output.code : String(output.source);
        if (WEB_FONT_HOSTS.test(text)) this.error(`${fileName} still references a web font host`);
      }
    },
  };
}

// The build lands in target/classes/ui so that Maven packs it into the frontend jar, where the
// API server serves it (with a fallback to index.html for deep links).
export default defineConfig({
  base: '/',
  plugins: [react(), noWebFonts()],
  build: {
    outDir: 'target/classes/ui',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    unstubGlobals: true,
  },
});

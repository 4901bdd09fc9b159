// Builds the dashboard into dashboard/dist with Vite's JS API (the API server serves it at /).
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const configFile = fileURLToPath(new URL('../dashboard/vite.config.ts', import.meta.url));

try {
  await build({ configFile, logLevel: process.env.VITE_LOG_LEVEL ?? 'info' });
} catch (e) {
  console.error(`dashboard build failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}

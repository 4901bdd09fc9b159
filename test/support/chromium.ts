import { chromium, type Browser } from 'playwright-core';

// Debian's Chromium as every browser suite starts it (KNOWN-GROUND: headless, no sandbox as root, and no
// background networking, which this machine's closed network refuses many times a start).
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * Where the tests, benchmarks and screenshots find Chromium: Debian's package by default (test tools
 * cannot download their own browser on the build machines; docs/environment.md), or CHROMIUM_PATH.
 */
export const CHROMIUM: string = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_MISSING = `Chromium not found at ${CHROMIUM}: install it with \`apt-get install chromium\` (Debian/Ubuntu) or set CHROMIUM_PATH`;

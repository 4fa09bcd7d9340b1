/**
 * The service worker (issue #15's offline pack), built by vite-plugin-pwa's injectManifest with
 * Workbox. It precaches the app shell (the list vite.config.ts keeps: the HTML, the shell's
 * scripts and styles, offline-packs.json, the manifest and icons) and answers navigations with the
 * cached index.html. A route's own files are saved by the page into Cache API caches when the
 * visitor asks (src/shared/offline.ts); every other same-origin GET is answered from any cache (Vary
 * ignored: the page saved files with plain fetches, and module scripts ask with an Origin header)
 * first, then the network. An updated service worker waits until every tab of the old version
 * has closed (no skipWaiting on updates), so a new deploy never replaces files under a running
 * demo; only the very first install takes over at once.
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

interface SwScope {
  __WB_MANIFEST: (string | { url: string; revision: string | null })[];
  location: Location;
  registration: { active: unknown };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install', listener: () => void): void;
}
declare const self: SwScope;

const firstInstall = !self.registration.active;
self.addEventListener('install', () => {
  if (firstInstall) void self.skipWaiting();
});
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));
registerRoute(
  ({ url, request }) => url.origin === self.location.origin && request.method === 'GET',
  async ({ request }) => (await caches.match(request, { ignoreSearch: true, ignoreVary: true })) ?? fetch(request),
);

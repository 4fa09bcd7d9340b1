import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initPresentMode } from './app/presentMode';
import { initPresenterMode } from './app/presenterMode';
import { initKioskMode } from './app/kiosk';
import { DEMO_SPLIT } from './app/registry';
import { startOffline } from './shared/offline';
import { applyInitialTheme } from './app/useTheme';
import './app/app.css';

applyInitialTheme();
// Before anything else listens to the hash: takes `present` out of it (see presentMode.ts).
initPresentMode();
// Then `presenter=<id>` (the presenter console; see presenterMode.ts), and the link to the other window.
initPresenterMode();
// And `kiosk=1` (attract mode; kiosk.ts), which starts the tour of the live demos.
initKioskMode(DEMO_SPLIT.live);

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks <div id="root">');
createRoot(root, {
  // Errors caught by a route's error page are shown there, with the message; the console gets a
  // warning (with the component stack) rather than an error, as nothing is left unhandled.
  onCaughtError: (error, info) => console.warn('Shown on the error page:', error, info.componentStack),
}).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// The service worker and the update notice (production builds only; src/shared/offline.ts).
if (import.meta.env.PROD) startOffline();

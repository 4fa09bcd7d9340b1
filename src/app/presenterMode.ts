/**
 * The shell's side of the presenter view (src/shared/presenter.ts): reads `presenter=<stage id>`
 * from the link (this window is then the console of that stage, for the rest of the tab), gives
 * every other window an id it can be a stage under, follows the address both ways, and opens the
 * console window.
 */
import { SHELL_PARAMS, URL_WRITE_EVENT } from '../shared/state';
import { publishAddress, sharedAddress, stageId, startPresenter } from '../shared/presenter';
import { parseHash } from './routes';

const CONSOLE_KEY = 'oral-demos:presenter-console';
const STAGE_KEY = 'oral-demos:stage-id';

/** Pure: the stage id a hash names with `presenter=…` (null when absent or malformed), and the hash without it. */
export function consumePresenter(hash: string): { consoleFor: string | null; hash: string } {
  const { query } = parseHash(hash);
  const params = new URLSearchParams(query);
  if (!params.has('presenter')) return { consoleFor: null, hash };
  const id = params.get('presenter') ?? '';
  return { consoleFor: /^[a-z0-9]{6,32}$/.test(id) ? id : null, hash: sharedAddress(hash, ['presenter']) };
}

/** Pure: the console's address for a stage showing `hash` (projector mode off in the console). */
export function consoleAddress(hash: string, id: string): string {
  const shared = sharedAddress(hash, SHELL_PARAMS);
  return `${shared}${shared.includes('?') ? '&' : '?'}presenter=${id}&present=0`;
}

function read(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    sessionStorage.setItem(key, value);
  } catch {
    // storage unavailable: the role lasts until reload
  }
}

function newId(): string {
  // Only pairs two windows of one browser; it takes no part in any computation.
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('').slice(0, 12);
}

/** Call once before rendering (after initPresentMode, before any demo reads the address). */
export function initPresenterMode(): void {
  const { pathname, search, hash } = window.location;
  const fromLink = consumePresenter(hash);
  if (fromLink.hash !== hash) history.replaceState(history.state, '', pathname + search + fromLink.hash);
  if (fromLink.consoleFor) write(CONSOLE_KEY, fromLink.consoleFor);
  const consoleFor = fromLink.consoleFor ?? read(CONSOLE_KEY);
  // A console opened by window.open starts with a copy of its stage's sessionStorage: its own id
  // must differ from the stage's, so a console always draws a fresh one.
  let ownId = consoleFor ? null : read(STAGE_KEY);
  if (!ownId) {
    ownId = newId();
    if (!consoleFor) write(STAGE_KEY, ownId);
  }
  startPresenter(
    {
      shellKeys: SHELL_PARAMS,
      getHash: () => window.location.hash,
      applyHash: (next) => {
        if (parseHash(next).path !== parseHash(window.location.hash).path) {
          window.location.hash = next;
          return;
        }
        history.replaceState(history.state, '', window.location.pathname + window.location.search + next);
        window.dispatchEvent(new HashChangeEvent('hashchange'));
      },
    },
    { consoleFor, ownId },
  );
  window.addEventListener('hashchange', publishAddress);
  window.addEventListener(URL_WRITE_EVENT, publishAddress);
}

/** Opens (or brings forward) the console window for this window. */
export function openPresenterWindow(): Window | null {
  const { pathname, search, hash } = window.location;
  const url = pathname + search + consoleAddress(hash || '#/', stageId());
  const w = window.open(url, 'oral-demos-presenter', 'popup,width=960,height=900');
  w?.focus();
  return w;
}

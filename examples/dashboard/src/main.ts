// Startup: load vpskit's WebAssembly once (the synchronous `check`, `tokenExpiry` and `version`
// need it in a browser), then show the fleet and, on its tab, the VPS.org token.
import { init, version, type RateLimit } from 'vpskit';

import { faithserver, onExchange, vpsorg } from './clients';
import { h, show } from './dom';
import { errorView } from './errors';
import { fleetView } from './fleet';
import { tokenView } from './token';
import './style.css';

async function start(): Promise<void> {
  const app = document.querySelector('#app')!;
  const footer = document.querySelector('#footer')!;
  try {
    await init();
  } catch (error) {
    show(app, errorView(error));
    return;
  }

  const fleet = fleetView();
  const token = tokenView();
  let tokenLoaded = false;
  show(app, fleet, token.element);

  const route = () => {
    const tab = location.hash === '#token' ? 'token' : 'fleet';
    fleet.hidden = tab !== 'fleet';
    token.element.hidden = tab !== 'token';
    document.querySelectorAll<HTMLAnchorElement>('nav a').forEach((a) => a.classList.toggle('active', a.dataset.tab === tab));
    if (tab === 'token' && !tokenLoaded) {
      tokenLoaded = true;
      void token.load();
    }
  };
  addEventListener('hashchange', route);
  route();

  const limit = (name: string, state: RateLimit | null) =>
    state === null || state.remaining === null
      ? null
      : h('span', { class: 'rate-limit' }, `${name}: ${state.remaining}/${state.limit ?? '?'} requests left, resets in ${state.resetSeconds ?? '?'} s`);
  const renderFooter = () =>
    show(footer, `vpskit ${version()} · keys added by the dev server's proxy, never sent from this page`,
      ...[limit('FaithServer', faithserver.rateLimit), limit('VPS.org', vpsorg.rateLimit)].flatMap((s) => (s ? [' · ', s] : [])));
  onExchange(renderFooter);
  renderFooter();
}

void start();

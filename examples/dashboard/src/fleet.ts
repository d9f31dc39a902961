// The fleet: one row per server, one button per action, each enabled or greyed by vpskit's
// `check` (the reason is the button's tooltip, and the hint line under the table).
import { check, type Server } from 'vpskit';

import { ACTIONS, type RowContext } from './actions';
import { faithserver as client } from './clients';
import { h, show } from './dom';
import { errorView } from './errors';

export function fleetView(): HTMLElement {
  const banner = h('div', { class: 'banner' });
  const body = h('tbody');
  const hint = h('p', { class: 'hint muted' }, 'Hover a button to see why it is enabled or greyed.');
  const refresh = h('button', { class: 'refresh' }, 'Refresh');
  const view = h('section', { id: 'fleet-view' },
    h('div', { class: 'toolbar' }, h('h2', {}, 'Fleet'), refresh),
    banner,
    h('table', { class: 'fleet' },
      h('thead', {}, h('tr', {}, ...['ID', 'Name', 'Product', 'Region', 'Status', 'Actions'].map((t) => h('th', {}, t)))),
      body),
    hint);

  const load = async () => {
    show(banner);
    refresh.disabled = true;
    try {
      const servers = await client.listServers();
      show(body, ...servers.flatMap((server) => serverRows(server)));
    } catch (error) {
      show(banner, errorView(error, load));
    } finally {
      refresh.disabled = false;
    }
  };
  refresh.addEventListener('click', load);

  // Greyed buttons get no clicks, but Chromium still tells where the pointer is.
  body.addEventListener('mouseover', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-action]');
    if (button) show(hint, `${button.dataset.server} · ${button.textContent}: ${button.title}`);
  });

  void load();
  return view;
}

/** A server's row and, under it, its panel (an action's progress, outcome or error). */
function serverRows(initial: Server): HTMLTableRowElement[] {
  let server = initial;
  let busy = false;
  const cells = { name: h('td'), product: h('td'), region: h('td'), status: h('td') };
  const buttons = ACTIONS.map((a) => h('button', { 'data-action': a.action, 'data-server': server.id }, a.label));
  const row = h('tr', { 'data-server': server.id },
    h('td', { class: 'id' }, server.id), cells.name, cells.product, cells.region, cells.status,
    h('td', { class: 'actions' }, ...buttons));
  const panel = h('td', { colspan: 6, class: 'panel' });
  const detail = h('tr', { class: 'detail', 'data-panel': server.id, hidden: true }, panel);

  const render = () => {
    show(cells.name, server.name ?? '—');
    show(cells.product, server.product);
    show(cells.region, server.region ?? '—');
    show(cells.status, h('span', { class: `status status-${server.status ?? 'unknown'}` }, server.status ?? 'unknown'));
    ACTIONS.forEach((a, i) => {
      const verdict = check(server, a.action);
      buttons[i].disabled = busy || !verdict.allowed;
      buttons[i].title = verdict.reason;
      buttons[i].dataset.allowed = String(verdict.allowed);
    });
  };

  const context: RowContext = {
    get server() {
      return server;
    },
    panel(...children) {
      show(panel, ...children);
      detail.hidden = children.length === 0;
    },
    async run(work) {
      busy = true;
      render();
      try {
        await work();
      } catch (error) {
        context.panel(errorView(error, () => void context.run(work)));
      } finally {
        busy = false;
        render();
      }
    },
    async refresh() {
      server = await client.getServer(server.id);
    },
  };

  ACTIONS.forEach((a, i) => buttons[i].addEventListener('click', () => {
    // The button is greyed when this says no; asking again costs nothing and sends nothing.
    if (busy || !check(server, a.action).allowed) return;
    void a.perform(context);
  }));

  render();
  return [row, detail];
}

// The VPS.org token page: who the token belongs to, what it may do, and when it expires.
import { allows, tokenExpiry, type AccountInfo, type Token } from 'vpskit';

import { vpsorg as client } from './clients';
import { h, show } from './dom';
import { errorView } from './errors';

/** Warn this many days ahead of a token's expiry. */
const WARN_DAYS = 7;
/** Permissions worth checking at a glance (`allows` understands wildcards such as `dns:*`). */
const SAMPLES = ['servers:list', 'servers:power', 'servers:create', 'servers:delete', 'dns:create', 'billing:read'];

export function tokenView(): { element: HTMLElement; load: () => Promise<void> } {
  const content = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const refresh = h('button', { class: 'refresh' }, 'Refresh');
  const element = h('section', { id: 'token-view' },
    h('div', { class: 'toolbar' }, h('h2', {}, 'VPS.org token'), refresh), content);

  const load = async () => {
    refresh.disabled = true;
    try {
      show(content, ...describe(await client.getAccount()));
    } catch (error) {
      show(content, errorView(error, load));
    } finally {
      refresh.disabled = false;
    }
  };
  refresh.addEventListener('click', load);
  return { element, load };
}

function describe({ account, token }: AccountInfo): HTMLElement[] {
  const name = [account.firstName, account.lastName].filter(Boolean).join(' ') || account.email;
  return [
    h('div', { class: 'card account' },
      h('h3', {}, 'Account'),
      fields(['Name', name], ['Email', account.email], ['Company', account.companyName ?? '—'],
        ['Customer since', account.createdAt ?? '—'])),
    h('div', { class: 'card token' },
      h('h3', {}, 'Token ', h('span', { class: 'token-name' }, token.name)),
      expiry(token),
      fields(['Created', date(token.createdAt)], ['Last used', date(token.lastUsedAt)], ['Expires', date(token.expiresAt)]),
      h('h4', {}, 'Permissions'),
      h('ul', { class: 'permissions' }, ...token.permissions.map((p) => h('li', {}, h('code', {}, p)))),
      h('h4', {}, 'What it may do'),
      h('ul', { class: 'allows' }, ...SAMPLES.map((wanted) => {
        const ok = allows(token.permissions, wanted);
        return h('li', { class: ok ? 'yes' : 'no' }, ok ? '✓ ' : '✗ ', h('code', {}, wanted));
      }))),
  ];
}

function expiry(token: Token): HTMLElement {
  const { expiresWithin, daysLeft } = tokenExpiry(token, WARN_DAYS);
  if (token.isExpired) return h('p', { class: 'expiry expired' }, 'This token has expired: create a new one.');
  if (daysLeft === null) return h('p', { class: 'expiry ok' }, 'This token does not expire.');
  const days = `${daysLeft} day${daysLeft === 1 ? '' : 's'}`;
  if (expiresWithin) {
    return h('p', { class: 'expiry warning', role: 'alert' },
      `⚠ This token expires in ${days} (${date(token.expiresAt)}): create a new one before then.`);
  }
  return h('p', { class: 'expiry ok' }, `This token expires in ${days}.`);
}

function fields(...pairs: [string, string][]): HTMLElement {
  return h('dl', {}, ...pairs.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

function date(text: string | null): string {
  if (text === null) return '—';
  const parsed = new Date(text);
  return Number.isNaN(parsed.getTime()) ? text : parsed.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
}

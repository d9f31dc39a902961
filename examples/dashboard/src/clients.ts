// The page's two clients. No key: the dev server's proxy (vite.config.ts) adds it, so nothing in
// the page can leak it. Relative base URLs are resolved against the page by vpskit.
import { FaithServerClient, VpsOrgClient } from 'vpskit';

const listeners = new Set<() => void>();

/** Calls `listener` after every exchange of either client (the footer shows the rate limit). */
export function onExchange(listener: () => void): void {
  listeners.add(listener);
}

const options = {
  // A short Retry-After is waited out by vpskit; a longer one is shown to the person with a
  // countdown instead of a page that seems to hang.
  retry: { maxRetryAfterMs: 2_000 },
  onEvent: () => listeners.forEach((listener) => listener()),
};

export const faithserver = new FaithServerClient({ baseUrl: '/api/faithserver', ...options });
export const vpsorg = new VpsOrgClient({ baseUrl: '/api/vpsorg', ...options });

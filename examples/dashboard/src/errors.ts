// Errors as a person wants them: the gateway's message and the request id to quote to support;
// for a rate limit, a countdown to when trying again makes sense.
import { isVpskitError } from 'vpskit';

import { h, show } from './dom';

/** An element describing `error`; `retry`, when given, is offered as a button. */
export function errorView(error: unknown, retry?: () => void): HTMLElement {
  const box = h('div', { class: 'error', role: 'alert' });
  const retryButton = retry ? h('button', { class: 'retry', onclick: retry }, 'Retry') : null;

  if (isVpskitError(error, 'rate_limited')) {
    box.classList.add('rate-limited');
    const text = h('span', { class: 'countdown' });
    box.append(text, ' ', retryButton ?? '');
    if (error.retryAfter === null) {
      show(text, 'Rate limited — try again in a moment');
      return box;
    }
    const until = Date.now() + error.retryAfter * 1000;
    const tick = () => {
      const left = Math.ceil((until - Date.now()) / 1000);
      if (left > 0) {
        show(text, `Rate limited — retry in ${left} s`);
        if (retryButton) retryButton.disabled = true;
        return true;
      }
      show(text, 'Rate limited — you can retry now');
      if (retryButton) retryButton.disabled = false;
      return false;
    };
    tick();
    const timer = setInterval(() => {
      if (!tick() || !box.isConnected) clearInterval(timer);
    }, 250);
    return box;
  }

  const message = error instanceof Error ? error.message : String(error);
  const requestId = isVpskitError(error) ? error.requestId : null;
  box.append(
    h('span', { class: 'message' }, message),
    requestId ? h('span', { class: 'request-id' }, ` (request ${requestId})`) : '',
    retryButton ? ' ' : '',
    retryButton ?? '',
  );
  return box;
}

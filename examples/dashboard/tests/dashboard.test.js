// The dashboard in headless Chromium, started as `npm run dev` starts it (Vite with the project's
// config, which runs the mock and proxies to it with the keys), used as a person would: the
// fleet, greyed buttons, a reboot, a reinstall's progress, the console URL, the token page and a
// rate limit. Screenshots go to DASHBOARD_SCREENSHOTS (default: ../../target/dashboard-screenshots).
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { FaithServerClient, check } from 'vpskit';

const root = fileURLToPath(new URL('..', import.meta.url));
const shots = resolve(process.env.DASHBOARD_SCREENSHOTS ?? resolve(root, '../../target/dashboard-screenshots'));
const FLEET = ['fsrv_111', 'fsrv_112', 'fsrv_158', 'fsrv_159', 'fsrv_220', 'fsrv_221'];
const ACTIONS = ['reboot', 'start', 'stop', 'console', 'reinstall', 'rescue'];
const TIMEOUT = { timeout: 60_000 };

let dashboard;
let browser;
let page;
/** Every request the page made to the API routes, with the headers Chromium sent. */
const pageRequests = [];
const pageErrors = [];
/** The page's console warnings and errors, shown when a step fails. */
const pageConsole = [];

/** Starts the dev server with the project's config (which starts the mock), on a free port. */
async function startDashboard() {
  const server = await createServer({
    root,
    configFile: resolve(root, 'vite.config.ts'),
    server: { port: 0 },
    logLevel: 'warn',
    clearScreen: false,
  });
  await server.listen();
  const { port } = server.httpServer.address();
  // The config's mock: vpskit/testing's handle (reset, faults, the request log).
  const mock = server.config.plugins.find((p) => p.name === 'vpskit-mock')?.api?.mock;
  assert.ok(mock, 'the config exposes the mock it started');
  return { server, url: `http://127.0.0.1:${port}/`, mock };
}

async function openPage(url) {
  const opened = await browser.newPage({ viewport: { width: 1200, height: 760 } });
  opened.on('pageerror', (error) => pageErrors.push(String(error)));
  opened.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') pageConsole.push(`${m.type()}: ${m.text()}`); });
  opened.on('request', async (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) {
      pageRequests.push({ url: request.url(), headers: await request.allHeaders() });
    }
  });
  await opened.goto(url);
  return opened;
}

const shot = (name) => page.screenshot({ path: resolve(shots, name), fullPage: true });
const button = (server, action) => page.locator(`button[data-server="${server}"][data-action="${action}"]`);
const panel = (server) => page.locator(`tr[data-panel="${server}"] td.panel`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A test whose failure also tells what the page showed and logged. */
function step(name, body) {
  test(name, TIMEOUT, async () => {
    try {
      await body();
    } catch (error) {
      const shown = await page?.locator('body').innerText({ timeout: 1_000 }).catch((e) => `(unreadable: ${e.message})`);
      error.message += `\n--- page ${page?.url()} shows:\n${shown}\n--- page errors: ${JSON.stringify(pageErrors)}`
        + `\n--- console: ${JSON.stringify(pageConsole.slice(-10))}`;
      await page?.screenshot({ path: resolve(shots, `failed-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
      throw error;
    }
  });
}

before(async () => {
  await mkdir(shots, { recursive: true });
  dashboard = await startDashboard();
  await dashboard.mock.reset();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  page = await openPage(dashboard.url);
});

after(async () => {
  await browser?.close();
  await dashboard?.server.close();
});

step('the table lists the mock fleet', async () => {
  await page.locator('tr[data-server]').nth(5).waitFor();
  const rows = await page.locator('tr[data-server]').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 5).map((td) => td.textContent)));
  assert.deepEqual(rows.map((r) => r[0]), FLEET);
  assert.deepEqual(rows[0], ['fsrv_111', 'VPS AMD 1', 'Premium VPS Multi-region', 'US-LA', 'active']);
  assert.equal(rows[2][2], 'Budget VPS');
  await page.locator('footer .rate-limit').waitFor();
  assert.match(await page.locator('footer').innerText(), /vpskit \d+\.\d+\.\d+.*FaithServer: \d+\/600 requests left/);
  await shot('1-fleet.png');
});

step('every button is enabled or greyed by the core, its reason as the tooltip', async () => {
  // The same verdicts, computed in Node from the servers as the gateway lists them.
  const node = new FaithServerClient({ apiKey: 'fs_test_mock_valid_key_0001', baseUrl: `${dashboard.mock.origin}/api/v1` });
  for (const server of await node.listServers()) {
    for (const action of ACTIONS) {
      const verdict = check(server, action);
      const b = button(server.id, action);
      assert.equal(await b.isDisabled(), !verdict.allowed, `${server.id} ${action}`);
      assert.equal(await b.getAttribute('title'), verdict.reason, `${server.id} ${action}`);
    }
  }
});

step('a greyed button sends nothing when clicked', async () => {
  const greyed = button('fsrv_158', 'console');
  assert.equal(await greyed.isDisabled(), true);
  assert.equal(await greyed.getAttribute('title'), 'console is not available for Budget VPS');
  await dashboard.mock.clearRequests();
  const before = pageRequests.length;
  await greyed.hover({ force: true });
  await page.locator('.hint', { hasText: 'console is not available for Budget VPS' }).waitFor();
  await shot('2-greyed-reason.png');
  await greyed.click({ force: true });
  await greyed.evaluate((b) => b.click());
  await greyed.evaluate((b) => b.dispatchEvent(new MouseEvent('click', { bubbles: true })));
  await sleep(500);
  assert.deepEqual(await dashboard.mock.requests(), []);
  assert.equal(pageRequests.length, before);
  assert.equal(await page.locator('tr[data-panel="fsrv_158"]').isHidden(), true);
});

step('reboot sends one POST and shows the outcome', async () => {
  await dashboard.mock.clearRequests();
  await button('fsrv_111', 'reboot').click();
  await panel('fsrv_111').locator('[data-state="done"]').waitFor();
  assert.match(await panel('fsrv_111').innerText(), /Reboot: Reboot command accepted\./);
  const sent = (await dashboard.mock.requests()).filter((r) => r.method === 'POST');
  assert.deepEqual(sent.map((r) => r.path), ['/api/v1/servers/fsrv_111/reboot']);
  // The row reads the server again, then its buttons come back.
  await page.locator('button[data-server="fsrv_111"][data-action="reboot"]:enabled').waitFor();
  await shot('3-after-reboot.png');
});

step('a reinstall asks for the OS and shows the job progress until done', async () => {
  await dashboard.mock.clearRequests();
  // Each poll of the job answers 1.2 s late, so the page is seen half way.
  await dashboard.mock.fault('slow', { delayMs: 1200, pathPrefix: '/jobs', method: 'GET', count: 2 });
  await button('fsrv_158', 'reinstall').click();
  const form = panel('fsrv_158').locator('form.reinstall');
  await form.waitFor();
  // A Budget VPS takes an OS template (offered from listImages) and a root password.
  assert.deepEqual(await form.locator('option').evaluateAll((os) => os.map((o) => o.value)), ['1109', '1024', '1056', '100001']);
  await form.locator('select').selectOption('1056');
  await form.locator('input[name="password"]').fill('PasswordKuat123!');
  await form.getByRole('button', { name: 'Erase and reinstall' }).click();
  const label = panel('fsrv_158').locator('.job-label');
  await label.filter({ hasText: 'running 50%' }).waitFor();
  assert.equal(await panel('fsrv_158').locator('progress').getAttribute('value'), '50');
  await shot('4-reinstall-progress.png');
  await panel('fsrv_158').locator('.job[data-state="done"]').waitFor();
  assert.match(await label.innerText(), /^Reinstall \(job_\d+\): completed 100%$/);
  await page.locator('button[data-server="fsrv_158"][data-action="reinstall"]:enabled').waitFor();
  await shot('5-reinstall-done.png');
  const posts = (await dashboard.mock.requests()).filter((r) => r.method === 'POST');
  assert.deepEqual(posts.map((r) => [r.path, r.hasBody]), [['/api/v1/servers/fsrv_158/reinstall', true]]);
});

step('the console URL is shown only after Reveal', async () => {
  await button('fsrv_111', 'console').click();
  const reveal = panel('fsrv_111').getByRole('button', { name: 'Reveal URL' });
  await reveal.waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.outerHTML.includes('console.mock.invalid')), false);
  await reveal.click();
  const link = panel('fsrv_111').locator('a.console-url');
  await link.waitFor();
  assert.match(await link.getAttribute('href'), /^https:\/\/console\.mock\.invalid\/.*token=[0-9a-f]+/);
  assert.equal(await link.innerText(), await link.getAttribute('href'));
  await shot('6-console-revealed.png');
});

step('the token page shows the account, permissions and expiry', async () => {
  await page.getByRole('link', { name: 'VPS.org token' }).click();
  await page.locator('.token-name').waitFor();
  assert.equal(await page.locator('.token-name').innerText(), 'Production Deploy Key');
  assert.deepEqual(await page.locator('ul.permissions li').allInnerTexts(), ['servers:list', 'servers:create', 'servers:power', 'dns:*']);
  assert.match(await page.locator('.card.account').innerText(), /John Doe[\s\S]*john@example\.com/);
  assert.equal(await page.locator('.expiry').innerText(), 'This token does not expire.');
  assert.deepEqual(await page.locator('ul.allows li.no').allInnerTexts(), ['✗ servers:delete', '✗ billing:read']);
  await shot('7-token.png');
});

step('a token about to expire shows a warning with the days left', async () => {
  // A second dashboard whose proxy adds the mock's token that expires in 3 days.
  process.env.DASHBOARD_VPSORG_TOKEN = 'vps_test_mock_expiring_0003';
  const expiring = await startDashboard().finally(() => delete process.env.DASHBOARD_VPSORG_TOKEN);
  const other = await openPage(`${expiring.url}#token`);
  try {
    const warning = other.locator('.expiry.warning');
    await warning.waitFor();
    assert.match(await warning.innerText(), /^⚠ This token expires in [23] days \(.+ UTC\): create a new one before then\.$/);
    assert.equal(await other.locator('.token-name').innerText(), 'CI Token (expiring)');
    await other.screenshot({ path: resolve(shots, '8-token-expiring.png'), fullPage: true });
  } finally {
    await other.close();
    await expiring.server.close();
  }
});

step('a rate limit shows a ticking countdown, then a retry', async () => {
  await page.getByRole('link', { name: 'Fleet' }).click();
  await dashboard.mock.clearRequests();
  await dashboard.mock.fault('rate_limit', { retryAfter: 3, pathPrefix: '/servers', method: 'GET', count: 1 });
  await page.locator('button.refresh').first().click();
  const countdown = page.locator('#fleet-view .banner .countdown');
  await countdown.waitFor();
  const first = await countdown.innerText();
  const seconds = Number(/^Rate limited — retry in (\d) s$/.exec(first)?.[1]);
  assert.ok(seconds >= 2 && seconds <= 3, first);
  await shot('9-rate-limited.png');
  await countdown.filter({ hasText: `retry in ${seconds - 1} s` }).waitFor();
  await countdown.filter({ hasText: 'you can retry now' }).waitFor();
  // The client gave up at once (no hidden wait): one GET, answered 429.
  const gets = (await dashboard.mock.requests()).filter((r) => r.path === '/api/v1/servers');
  assert.deepEqual(gets.map((r) => r.status), [429]);
  await page.locator('#fleet-view .banner button.retry').click();
  await page.locator('#fleet-view .banner .error').waitFor({ state: 'detached' });
  assert.equal(await page.locator('tr[data-server]').count(), 6);
});

step('an error shows the gateway message and the request id', async () => {
  // Rescue is "if available" on a Budget VPS: the core lets it through, the gateway says no.
  await button('fsrv_159', 'rescue').click();
  const error = panel('fsrv_159').locator('.error');
  await error.waitFor();
  assert.match(await error.innerText(), /\(request req_\d{6}\)/);
  assert.doesNotMatch(await error.innerText(), /Rate limited/);
  await shot('10-error.png');
});

step('no request from the page carries a key; the proxy adds it', async () => {
  await dashboard.mock.clearRequests();
  await page.locator('#fleet-view button.refresh').click();
  await page.getByRole('link', { name: 'VPS.org token' }).click();
  await page.locator('#token-view button.refresh').click();
  await page.locator('.token-name').waitFor();
  await sleep(200);
  const logged = await dashboard.mock.requests();
  assert.ok(logged.some((r) => r.path === '/api/v1/servers') && logged.some((r) => r.path === '/api/v1/account/me/'));
  assert.deepEqual([...new Set(logged.map((r) => r.authorization))], ['bearer']);
  assert.ok(pageRequests.length >= 10, `${pageRequests.length} requests seen`);
  for (const { url, headers } of pageRequests) {
    assert.equal(headers.authorization, undefined, `${url} carried an Authorization header`);
    assert.ok(!url.startsWith(dashboard.mock.origin), `${url} went around the proxy`);
  }
  assert.deepEqual(pageErrors, []);
});

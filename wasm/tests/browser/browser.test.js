// Loads the browser build in headless Chromium from one loopback origin and runs the
// end-to-end suite against the mock on another (so CORS is real).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

import { KEY, startMock } from '../mock.js';
import { startSite } from '../site.js';

const pkg = fileURLToPath(new URL('../../', import.meta.url));
const vectors = fileURLToPath(new URL('../../../tests/vectors/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let mock;
let site;
let browser;

before(async () => {
  mock = await startMock();
  // The page's own backend: it holds the key and adds it under /proxy; the page never sees it.
  const file = (path) => {
    const found = path.startsWith('/dist/') ? join(pkg, path)
      : path.startsWith('/vectors/') ? join(vectors, path.slice('/vectors/'.length))
        : path.startsWith('/shared/') ? join(pkg, 'tests', path.slice('/shared/'.length))
          : join(pkg, 'tests/browser', path);
    return found.startsWith(pkg) || found.startsWith(vectors) ? found : null;
  };
  site = await startSite(file, { prefix: '/proxy/', origin: mock.origin, key: KEY, rewrite: (url) => url.slice('/proxy'.length) });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
});

after(async () => {
  await browser?.close();
  site?.close();
  mock?.stop();
});

test('the end-to-end suite passes in headless Chromium, cross-origin', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const url = `http://127.0.0.1:${site.address().port}/page.html?mock=${encodeURIComponent(mock.baseUrl)}`;
  assert.notEqual(new URL(url).origin, new URL(mock.baseUrl).origin, 'page and mock are different origins');
  await page.goto(url);
  await page.waitForFunction(() => Array.isArray(window.__results), null, { timeout: 60_000 });
  const results = await page.evaluate(() => window.__results);
  assert.deepEqual(errors, []);
  assert.equal(results.length, 8);
  for (const r of results) assert.ok(r.ok, `${r.name}: ${r.error}`);
});

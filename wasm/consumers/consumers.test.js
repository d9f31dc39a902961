// Checks the consumer projects run.sh built from the packed tarball: each production bundle in
// headless Chromium lists the fleet through a proxy that adds the key (so no key is in the page),
// and the Node ESM and CommonJS programs run against the mock.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

import { KEY, startMock } from '../tests/mock.js';
import { startSite } from '../tests/site.js';

const work = process.env.VPSKIT_CONSUMERS;
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];
const FLEET = ['fsrv_111', 'fsrv_112', 'fsrv_158', 'fsrv_159', 'fsrv_220', 'fsrv_221'];

let mock;
let browser;

before(async () => {
  assert.ok(work, 'VPSKIT_CONSUMERS names the folder run.sh built');
  mock = await startMock();
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: FLAGS });
});

after(async () => {
  await browser?.close();
  mock?.stop();
});

/** Serves a bundle's dist/ and, under /api/, a proxy to the mock that adds the key. */
const serve = (dist, seen) => startSite(
  (path) => join(dist, path.endsWith('/') ? `${path}index.html` : path),
  { prefix: '/api/', origin: mock.origin, key: KEY, rewrite: (url) => url, seen },
);

for (const bundler of ['vite', 'webpack', 'esbuild']) {
  test(`a ${bundler} production bundle lists the fleet in Chromium`, async () => {
    const seen = [];
    const site = await serve(join(work, bundler, 'dist'), seen);
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'warning') problems.push(m.text()); });
    page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()} ${r.url()}`); });
    try {
      await page.goto(`http://127.0.0.1:${site.address().port}/`);
      await page.waitForFunction(() => window.__fleet !== undefined, null, { timeout: 30_000 });
      const fleet = await page.evaluate(() => window.__fleet);
      assert.equal(fleet.error, undefined, fleet.error);
      assert.deepEqual(fleet.ids, FLEET);
      assert.match(fleet.version, /^\d+\.\d+\.\d+/);
      assert.deepEqual(problems, []);
      assert.ok(seen.length >= 1 && seen.every((h) => h === null), 'no request from the page carries a key');
    } finally {
      await page.close();
      site.close();
    }
  });
}

const run = promisify(execFile);
for (const [project, module] of [['node-esm', 'esm'], ['node-cjs', 'cjs']]) {
  test(`Node ${module === 'esm' ? 'ESM (import)' : 'CommonJS (require)'} runs against the mock`, async () => {
    await mock.reset();
    const env = { ...process.env, VPSKIT_MOCK_URL: mock.baseUrl, FAITHSERVER_API_KEY: KEY };
    const { stdout } = await run(process.execPath, ['main.js'], { cwd: join(work, project), env });
    const out = JSON.parse(stdout);
    assert.equal(out.module, module);
    assert.deepEqual(out.ids, FLEET);
    assert.equal(out.verdict.allowed, true);
    assert.equal(out.rebooted, 'reboot');
    if (module === 'cjs') assert.equal(out.refused, 'not_found');
    assert.equal(await mock.sent('POST', '/servers/fsrv_111/reboot'), 1);
  });
}

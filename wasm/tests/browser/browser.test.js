// Loads the browser build in headless Chromium from one loopback origin and runs the
// end-to-end suite against the mock on another (so CORS is real).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

import { KEY, startMock } from '../mock.js';

const pkg = fileURLToPath(new URL('../../', import.meta.url));
const vectors = fileURLToPath(new URL('../../../tests/vectors/', import.meta.url));
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm', '.ts': 'text/plain' };
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let mock;
let site;
let browser;

before(async () => {
  mock = await startMock();
  site = createServer(async (req, res) => {
    if (req.url.startsWith('/proxy/')) {
      // The page's own backend: it holds the key and adds it; the page never sees it.
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const headers = { authorization: `Bearer ${KEY}`, accept: 'application/json' };
      if (req.headers['content-type']) headers['content-type'] = req.headers['content-type'];
      const answer = await fetch(mock.origin + req.url.slice('/proxy'.length), { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await answer.arrayBuffer()));
      return;
    }
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const file = path.startsWith('/dist/') ? join(pkg, path)
      : path.startsWith('/vectors/') ? join(vectors, path.slice('/vectors/'.length))
        : path.startsWith('/shared/') ? join(pkg, 'tests', path.slice('/shared/'.length))
          : join(pkg, 'tests/browser', path);
    if (!file.startsWith(pkg) && !file.startsWith(vectors)) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
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

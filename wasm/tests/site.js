// A page's own backend for the browser suites: serves files and, under a prefix, proxies to the
// mock adding the key (the proxy pattern: the page never holds one).
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, normalize } from 'node:path';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm', '.ts': 'text/plain' };

/**
 * Starts a loopback site. `file(path)` maps a URL path to a file (or null: 403); requests under
 * `proxy.prefix` go to `proxy.origin` + `proxy.rewrite(url)` with `Authorization: Bearer proxy.key`
 * added, and `proxy.seen` (if given) collects the Authorization header each arrived with.
 */
export async function startSite(file, proxy) {
  const site = createServer(async (req, res) => {
    if (req.url.startsWith(proxy.prefix)) {
      proxy.seen?.push(req.headers.authorization ?? null);
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const headers = { authorization: `Bearer ${proxy.key}`, accept: 'application/json' };
      if (req.headers['content-type']) headers['content-type'] = req.headers['content-type'];
      try {
        // `manual`: a redirect reaches the page as the gateway sent it, as it would in production.
        const answer = await fetch(proxy.origin + proxy.rewrite(req.url), { method: req.method, headers, redirect: 'manual', body: chunks.length ? Buffer.concat(chunks) : undefined });
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' })
          .end(Buffer.from(await answer.arrayBuffer()));
      } catch {
        res.writeHead(502, { 'content-type': 'text/plain' }).end('the mock did not answer the proxy');
      }
      return;
    }
    const path = file(normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (path === null) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
  return site;
}

// The production bundle's size (after `npm run build`), raw and gzipped (-9), as a figure for
// scripts/bench.sh's report: `node scripts/bundle-size.mjs --out dashboard.json`.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const at = process.argv.indexOf('--out');
const out = at > 1 ? process.argv[at + 1] : undefined;
const files = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? files(path) : [path];
});
const kinds = { js: /\.js$/, css: /\.css$/, wasm: /\.wasm$/, html: /\.html$/ };
const sizes = Object.fromEntries(Object.entries(kinds).map(([kind, pattern]) => {
  const matched = files(dist).filter((f) => pattern.test(f));
  return [kind, {
    raw: matched.reduce((sum, f) => sum + statSync(f).size, 0) / 1024,
    gz: matched.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0) / 1024,
  }];
}));
const total = Object.values(sizes).reduce((sum, s) => sum + s.gz, 0);
const detail = Object.entries(sizes).map(([k, s]) => `${k} ${s.gz.toFixed(1)} KB`).join(', ');
console.log(`dashboard production bundle: ${total.toFixed(1)} KB gzipped (${detail})`);
if (out !== undefined) {
  writeFileSync(out, JSON.stringify({ host: 'dashboard', figures: [{
    id: 'dashboard_bundle', figure: `Dashboard example: production bundle, gzipped (-9; ${detail})`, unit: 'KB',
    baseline: null, value: total, raw_kb: Object.values(sizes).reduce((sum, s) => sum + s.raw, 0), target: 'report', met: null,
  }] }, null, 1));
}

// vpskit's JavaScript figures for issue 7, each next to a hand-written baseline timed in the same run.
//
//   node benches/bench.mjs --out result.json [--smoke]
//
// Needs the built package (bash wasm/build.sh). Each side runs in alternating rounds and the
// median round is kept, so a noisy neighbour hurts both alike.
import { writeFileSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

import * as vpskit from '../dist/node.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const out = args[args.indexOf('--out') + 1];
if (!args.includes('--out') || !out) throw new Error('usage: node benches/bench.mjs --out result.json [--smoke]');

const products = ['Premium VPS Multi-region', 'Budget VPS', 'Flexible Dedicated Server'];
function fleetBody(n) {
  const data = [];
  for (let i = 0; i < n; i++) {
    data.push({ id: `fsrv_${i}`, name: `server ${i}`, region: 'US-LA', product: products[i % 3], status: 'active',
      allowed_actions: ['status', 'start', 'stop', 'reboot', 'reinstall', 'console'] });
  }
  return new TextEncoder().encode(JSON.stringify({ success: true, data }));
}

// The baseline: what a user would write by hand.
function plainParse(bytes) {
  const document = JSON.parse(new TextDecoder().decode(bytes));
  if (document.success !== true) throw new Error(document.message);
  return document.data.map((d) => ({ id: d.id, name: d.name ?? null, region: d.region ?? null, product: d.product,
    status: d.status ?? null, allowedActions: [...d.allowed_actions] }));
}

// Median time of each side, and the median of the per-round ratios (each round times both sides
// back to back, so a slow patch of the machine hurts a round's two sides alike).
function paired(baseline, subject, loops, rounds) {
  const times = [[], []];
  for (let r = 0; r < rounds; r++) {
    [baseline, subject].forEach((fn, side) => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < loops; i++) fn();
      times[side].push(Number(process.hrtime.bigint() - start) / 1e6 / loops);
    });
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const ratios = times[1].map((t, i) => t / times[0][i]);
  return [median(times[0]), median(times[1]), median(ratios)];
}

const [loops, rounds] = smoke ? [2, 3] : [20, 31];
const figures = [];

const body = fleetBody(1000);
const response = { status: 200, headers: [['Content-Type', 'application/json']], body };
const op = vpskit.operations.listServers();
const ours = vpskit.operations.parseResponse(op, response);
if (ours.length !== 1000 || plainParse(body).length !== 1000 || ours[999].allowedActions.length !== 6) {
  throw new Error('the two parses disagree');
}
const [base, subject, ratio] = paired(() => plainParse(body), () => vpskit.operations.parseResponse(op, response), loops, rounds);
figures.push({ id: 'node_parse_1000', figure: 'Node: parse of a 1,000-server list_servers body', unit: 'ms',
  baseline: 'JSON.parse + a hand mapping to camelCase objects', baseline_value: base, value: subject,
  ratio, target: '<= 2.0x', met: ratio <= 2.0 });

const dist = join(here, '..', 'dist');
const size = (path) => statSync(path).size;
const gz = (path) => gzipSync(readFileSync(path), { level: 9 }).length;
const wasmPath = join(dist, 'wasm', 'vpskit_wasm_bg.wasm');
const glue = [...readdirSync(dist).filter((f) => f.endsWith('.js')).map((f) => join(dist, f)),
  ...readdirSync(join(dist, 'wasm')).filter((f) => f.endsWith('.js')).map((f) => join(dist, 'wasm', f))];
const wasmGz = gz(wasmPath) / 1024;
const glueGz = glue.reduce((sum, f) => sum + gz(f), 0) / 1024;
figures.push({ id: 'wasm_size', figure: '.wasm size, gzipped (-9)', unit: 'KB', baseline: null,
  value: wasmGz, raw_kb: size(wasmPath) / 1024, target: '<= 100 KB', met: wasmGz <= 100 });
figures.push({ id: 'js_glue_size', figure: 'JS glue size, gzipped (-9)', unit: 'KB', baseline: null,
  value: glueGz, raw_kb: glue.reduce((sum, f) => sum + size(f), 0) / 1024, target: '<= 15 KB', met: glueGz <= 15 });

for (const f of figures) {
  const ratio = f.ratio === undefined ? '' : ` ratio ${f.ratio.toFixed(2)}x`;
  console.log(`${f.figure}: ${f.value.toFixed(2)} ${f.unit}${ratio} (target ${f.target})`);
}
writeFileSync(out, JSON.stringify({ host: 'node', smoke, node: process.version, figures }, null, 1));

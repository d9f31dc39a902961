// vpskit's JavaScript figures, each next to a hand-written baseline timed in the same run.
//
//   node benches/bench.mjs --bodies DIR --out result.json [--smoke]
//
// Needs the built package (bash wasm/build.sh) and the bodies of benches/bodies.py in DIR (the
// same bytes every host's benchmark reads). Each side runs in alternating rounds and the median
// round is kept, so a noisy neighbour hurts both alike.
import { writeFileSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

import * as vpskit from '../dist/node.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const out = args[args.indexOf('--out') + 1];
const bodies = args[args.indexOf('--bodies') + 1];
if (!args.includes('--out') || !out || !args.includes('--bodies') || !bodies) {
  throw new Error('usage: node benches/bench.mjs --bodies DIR --out result.json [--smoke]');
}

// The baseline: what a user would write by hand. Every member the SDK does not model is kept too,
// its names in camelCase as the SDK gives them (a client that dropped them would do less work).
const camel = (name) => name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
function camelKeys(value) {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) out[camel(k)] = camelKeys(v);
  return out;
}
// JSON text with every object's members sorted: the two sides' results compare without regard to order.
const canonical = (value) => JSON.stringify(value, (_, v) =>
  v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v);
function plainParse(bytes) {
  const document = JSON.parse(new TextDecoder().decode(bytes));
  if (document.success !== true) throw new Error(document.message);
  return document.data.map(({ id, name, region, product, status, allowed_actions: actions, ...rest }) => ({
    id, name: name ?? null, region: region ?? null, product, status: status ?? null,
    allowedActions: [...actions], ...camelKeys(rest) }));
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

const op = vpskit.operations.listServers();
for (const kind of ['plain', 'realistic']) {
  const body = readFileSync(join(bodies, `${kind}-1000.json`));
  const response = { status: 200, headers: [['Content-Type', 'application/json']], body };
  const ours = vpskit.operations.parseResponse(op, response);
  if (canonical(ours) !== canonical(plainParse(body))) throw new Error(`the two parses of the ${kind} body disagree`);
  const [base, subject, ratio] = paired(() => plainParse(body), () => vpskit.operations.parseResponse(op, response), loops, rounds);
  figures.push({ id: `node_parse_1000_${kind}`, figure: `Node: parse of a 1,000-server list_servers body (${kind})`,
    unit: 'ms', baseline: 'JSON.parse + a hand mapping to camelCase objects, unmodelled members kept', baseline_value: base,
    value: subject, ratio, target: '<= 2.0x', met: ratio <= 2.0 });
}

const dist = join(here, '..', 'dist');
const size = (path) => statSync(path).size;
const gz = (path) => gzipSync(readFileSync(path), { level: 9 }).length;
const wasmPath = join(dist, 'wasm', 'vpskit_wasm_bg.wasm');
// The glue a browser loads: every module but the Node-only ones (node.js, node.cjs, testing.js).
const glue = [...readdirSync(dist).filter((f) => f.endsWith('.js') && f !== 'node.js' && f !== 'testing.js').map((f) => join(dist, f)),
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

// The hand-written declarations (index.d.ts) cannot drift from the core: every field the core
// returns in any response vector, camelCased, must be declared there.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { loadVectors } from '../mock.js';

const declarations = readFileSync(new URL('../../index.d.ts', import.meta.url), 'utf8');
const camel = (key) => key.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
// Fields that vectors send only to prove that unknown fields are kept (typed as Unmodelled).
const UNMODELLED = new Set(['datacenter', 'tags', 'uptime', 'daily', 'load', 'apiToken', 'url', 'privateKey', 'request', 'ip',
  'sessionCookie', 'counter', 'secret']);

function fields(value, out = new Set()) {
  if (Array.isArray(value)) value.forEach((v) => fields(v, out));
  else if (value && typeof value === 'object' && !('$secret' in value)) {
    for (const [k, v] of Object.entries(value)) {
      out.add(camel(k));
      if (k !== 'provider_response' && k !== 'body' && !UNMODELLED.has(camel(k))) fields(v, out);
    }
  }
  return out;
}

test('every result field of the vectors is declared in index.d.ts', () => {
  const seen = new Set();
  for (const v of loadVectors('responses.json').vectors) if (v.expect.result !== undefined) fields(v.expect.result, seen);
  const missing = [...seen].filter((f) => !UNMODELLED.has(f) && !new RegExp(`\\b${f}\\??:`).test(declarations));
  assert.deepEqual(missing, []);
});

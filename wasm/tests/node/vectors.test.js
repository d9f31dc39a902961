// Every conformance vector, through the npm package (which hands each one to the wasm core).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import * as vpskit from '../../dist/node.js';
import { loadVectors } from '../mock.js';
import { runFlowVector } from '../flows.js';
import { fromNative } from '../../dist/errors.js';

const { operations } = vpskit;
const version = vpskit.version();

function toCall(call) {
  return { callJson: () => JSON.stringify(call) };
}

function same(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return same(ka, kb) && ka.every((k) => same(a[k], b[k]));
  }
  return a === b;
}

function checkError(name, error, expect, key) {
  const want = expect.error;
  assert.ok(vpskit.isVpskitError(error), `${name}: not a VpskitError: ${error}`);
  assert.ok(error instanceof Error);
  assert.equal(error.kind, want.kind, `${name}: kind (${error.message})`);
  if ('status' in want) assert.equal(error.status, want.status, `${name}: status`);
  if ('code' in want) assert.equal(error.code, want.code, `${name}: code`);
  if ('message' in want) assert.equal(error.message, want.message, `${name}: message`);
  for (const part of want.message_contains ?? []) assert.ok(error.message.includes(part), `${name}: ${error.message} lacks ${part}`);
  for (const part of want.message_excludes ?? []) assert.ok(!String(error).includes(part) && !JSON.stringify(error).includes(part), `${name}: shows ${part}`);
  if ('retry_after_seconds' in want) assert.equal(error.retryAfter, want.retry_after_seconds, `${name}: retryAfter`);
  if ('request_id' in want) assert.ok(error.requestId === want.request_id && String(error).includes(want.request_id), `${name}: requestId`);
  if (key) assert.ok(!String(error).includes(key) && !error.message.includes(key), `${name}: error shows the key`);
}

function expectThrow(name, fn, expect, key) {
  let thrown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  assert.ok(thrown !== undefined, `${name}: expected an error`);
  checkError(name, thrown, expect, key);
}

test('request vectors', () => {
  const vectors = loadVectors('requests.json').vectors;
  for (const v of vectors) {
    const build = () => {
      const config = new vpskit.Config({ api: v.config.api, key: v.config.key, baseUrl: v.config.base_url, userAgentHost: '' });
      return operations.buildRequest(toCall(v.call), config);
    };
    if (v.expect.error) {
      expectThrow(v.name, build, v.expect, v.config.key);
      continue;
    }
    const request = build();
    const want = v.expect.request;
    assert.equal(request.method, want.method, v.name);
    assert.equal(request.url, want.url, v.name);
    assert.deepEqual(request.headers, want.headers.map(([k, val]) => [k, val.replace('${VERSION}', version)]), v.name);
    assert.deepEqual(request.body === null ? null : JSON.parse(request.body), want.body, v.name);
    assert.equal(request.idempotent, want.idempotent, v.name);
    if (v.config.key) {
      assert.ok(!JSON.stringify(request).includes(v.config.key), `${v.name}: JSON shows the key`);
      assert.ok(!String(request).includes(v.config.key), `${v.name}: toString shows the key`);
    }
  }
});

test('response vectors', () => {
  for (const v of loadVectors('responses.json').vectors) {
    const r = v.response;
    const body = 'body' in r ? r.body
      : 'body_json' in r ? JSON.stringify(r.body_json)
        : 'body_fill' in r ? new Uint8Array(r.body_fill.size).fill(r.body_fill.byte.charCodeAt(0))
          : Buffer.from(r.body_base64, 'base64');
    const parse = () => JSON.parse(operations.parseResponseText(toCall(v.call), { status: r.status, headers: r.headers, body }));
    if (v.expect.error) {
      expectThrow(v.name, parse, v.expect);
    } else {
      const got = parse();
      assert.ok(same(got, v.expect.result), `${v.name}:\n got ${JSON.stringify(got)}\n want ${JSON.stringify(v.expect.result)}`);
    }
  }
});

test('capability vectors', () => {
  const caps = loadVectors('capabilities.json');
  for (const v of caps.support) {
    assert.equal(vpskit.productSupport(v.product, v.action) ?? null, v.expect.support, `${v.product}/${v.action}`);
  }
  for (const v of caps.check) {
    const server = { ...v.server, allowedActions: v.server.allowed_actions };
    delete server.allowed_actions;
    const verdict = vpskit.check(server, v.action);
    assert.equal(verdict.allowed, v.expect.allowed, `${v.name}: ${verdict.reason}`);
    assert.equal(verdict.support ?? null, v.expect.support, `${v.name}: support`);
    if (v.expect.reason) assert.equal(verdict.reason, v.expect.reason, v.name);
    for (const part of v.expect.reason_contains ?? []) assert.ok(verdict.reason.includes(part), v.name);
  }
});

for (const v of loadVectors('capabilities.json').preflight) {
  // Preflight runs inside the client; here through a client whose fetch serves the vector's server.
  const fetch = async (url, init) => {
    if (init.method === 'GET' && /\/servers\/[^/]+$/.test(url)) {
      return new Response(JSON.stringify({ success: true, data: v.server }), { status: 200 });
    }
    const answer = { success: true, data: {}, message: 'ok', provider_response: { url: 'https://console.example/vnc', note: 'n' } };
    return new Response(JSON.stringify(answer), { status: 200 });
  };
  const client = new vpskit.FaithServerClient({ apiKey: 'fs_live_vector', baseUrl: 'http://127.0.0.1:9/api/v1', fetch });
  const call = v.call;
  const run = () => {
    const a = call.args;
    switch (call.operation) {
      case 'reinstall': return client.reinstall(a.id, a.image_id !== undefined ? { imageId: a.image_id } : { osId: a.os_id, password: a.password });
      case 'get_traffic': return client.getTraffic(a.id, a.period !== undefined ? { period: a.period } : { month: a.month });
      case 'reset_password': return client.resetPassword(a.id, a.password !== undefined ? { password: a.password } : undefined);
      case 'get_console': return client.getConsole(a.id);
      case 'stop': return client.stop(a.id);
      case 'reboot': return client.reboot(a.id);
      case 'wake_on_lan': return client.wakeOnLan(a.id);
      case 'enable_rescue': return client.enableRescue(a.id);
      default: throw new Error(`no mapping for ${call.operation}`);
    }
  };
  test(`preflight: ${v.name}`, async () => {
    try {
      await run();
      assert.equal(v.expect.ok, true, `${v.name}: expected an error`);
    } catch (error) {
      if (v.expect.ok) throw error;
      checkError(v.name, error, v.expect);
    }
  });
}

test('permission vectors', () => {
  const perms = loadVectors('permissions.json');
  for (const v of perms.allows) {
    if (v.expect.error) expectThrow(v.name, () => vpskit.allows(v.permissions, v.query), v.expect);
    else assert.equal(vpskit.allows(v.permissions, v.query), v.expect.allowed, v.name);
  }
  for (const v of perms.expiry) {
    const token = { name: v.token.name, permissions: v.token.permissions, createdAt: v.token.created_at, lastUsedAt: v.token.last_used_at, expiresAt: v.token.expires_at, isExpired: v.token.is_expired };
    if (v.expect.error) {
      expectThrow(v.name, () => vpskit.tokenExpiry(token, v.days, v.now), v.expect);
    } else {
      assert.deepEqual(vpskit.tokenExpiry(token, v.days, v.now), { expiresWithin: v.expect.expires_within, daysLeft: v.expect.days_left }, v.name);
      assert.equal(vpskit.expiresWithin(token, v.days, new Date(v.now)), v.expect.expires_within, v.name);
    }
  }
});

// Retries and job waiting run inside the clients; their decisions come from the wasm core.
import * as core from '../../dist/wasm/vpskit_wasm.js';

// The glue's functions are used directly: load the module first (the package does it on first use).
await vpskit.init();

test('retry vectors', () => {
  const retry = loadVectors('retry.json');
  const p = retry.policy;
  assert.deepEqual([...core.defaultRetryPolicy()], [p.max_attempts, p.base_delay_ms, p.max_delay_ms, p.max_retry_after_ms]);
  for (const v of retry.vectors) {
    const o = v.outcome;
    const wait = o.type === 'status'
      ? core.retryDecide(v.idempotent, v.attempt, 'server', o.status, o.retry_after_seconds ?? undefined, undefined, v.seed >>> 0, undefined)
      : core.retryDecide(v.idempotent, v.attempt, 'transport', undefined, undefined, o.sent === 'maybe', v.seed >>> 0, undefined);
    if (v.seed > 0xffffffff) continue; // the JS clients draw 32-bit seeds; wider seeds are pinned by the other hosts
    assert.equal(wait ?? null, v.expect.decision === 'retry' ? v.expect.after_ms : null, v.name);
  }
});

test('job vectors', () => {
  for (const v of loadVectors('jobs.json').vectors) {
    const got = JSON.parse(core.jobJudge(JSON.stringify(v.job), v.polls, v.elapsed_ms, v.timeout_ms, undefined, undefined));
    const want = { state: v.expect.state, afterMs: v.expect.after_ms, reason: v.expect.reason };
    assert.deepEqual({ state: got.state, afterMs: got.afterMs ?? undefined, reason: got.reason ?? undefined }, want, v.name);
  }
});

test('flow vectors', () => {
  const fail = (message) => assert.fail(message);
  for (const v of loadVectors('flows.json').vectors) runFlowVector(core, v, { fromNative, check: checkError, fail });
});

test('throttle vectors', () => {
  for (const v of loadVectors('throttle.json').vectors) {
    let pace;
    try {
      pace = new core.NativeThrottle(v.max_requests_per_second ?? undefined);
    } catch (thrown) {
      checkError(v.name, fromNative(thrown), v.expect);
      continue;
    }
    assert.equal(v.expect, undefined, `${v.name}: expected an error`);
    for (const entry of v.script) {
      if ('admit' in entry) assert.equal(pace.admit(entry.admit), entry.wait, `${v.name}: ${JSON.stringify(entry)}`);
      else pace.observe(entry.observe.status, JSON.stringify(entry.observe.headers), entry.at);
    }
    pace.free();
  }
});

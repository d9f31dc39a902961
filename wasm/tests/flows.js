// The flow vectors' runner (tests/vectors/flows.json), shared by the Node and the Chromium suites:
// it drives the wasm core's NativeFlow step by step, as the clients do, and checks each step.

/** The body of a vector's response as bytes. */
function body(answer) {
  if ('body_json' in answer) return new TextEncoder().encode(JSON.stringify(answer.body_json));
  return new TextEncoder().encode(answer.body ?? '');
}

/** The next step as `[kind, payload]`, or `['error', e]` when the flow ends in an error. */
function next(flow, fromNative, events) {
  try {
    const kind = flow.step();
    return [kind, flow.payload()];
  } catch (thrown) {
    return ['error', fromNative(thrown)];
  } finally {
    const event = flow?.takeEvent();
    if (event !== undefined) events.push(JSON.parse(event));
  }
}

/**
 * Runs one flow vector. `core` is the wasm module (NativeFlow, NativeConfig); `fromNative` turns a
 * thrown core error into a VpskitError; `check(name, error, expect)` checks an error expectation;
 * `fail(message)` throws. Returns nothing; throws on the first difference.
 */
export function runFlowVector(core, v, { fromNative, check, fail }) {
  const cfg = new core.NativeConfig(v.config.key, { api: v.config.api, baseUrl: v.config.base_url, userAgentHost: '' });
  const options = new core.NativeOptions({ preflight: v.options.preflight, camel: false });
  const expectEqual = (got, want, what) => {
    if (JSON.stringify(got) !== JSON.stringify(want)) fail(`${v.name}: ${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  };
  let flow;
  let pending = null;
  const events = [];
  try {
    flow = v.wait_for_jobs
      ? core.NativeFlow.forJobs(v.wait_for_jobs.job_ids, cfg, options, v.options.seed, v.wait_for_jobs.timeout_ms, 1000, 10000)
      : v.wait_for_job
      ? core.NativeFlow.forJob(v.wait_for_job.job_id, cfg, options, v.options.seed, v.wait_for_job.timeout_ms, 1000, 10000)
      : core.NativeFlow.forCall(JSON.stringify(v.call), cfg, options, v.options.seed, v.server ? JSON.stringify(v.server) : undefined);
  } catch (thrown) {
    pending = ['error', fromNative(thrown)];
  }
  try {
    for (const entry of v.script) {
      if (entry.cancel && !entry.send && entry.sleep === undefined) {
        if (pending === null) flow.cancel();
        continue;
      }
      const [kind, payload] = pending ?? next(flow, fromNative, events);
      pending = null;
      if (entry.send) {
        if (kind !== 'send') fail(`${v.name}: expected send, got ${kind} ${payload}`);
        const request = JSON.parse(payload);
        expectEqual({ method: request.method, url: request.url, purpose: request.purpose, attempt: request.attempt }, entry.send, 'the request sent');
        if (entry.answer) {
          flow.received(entry.answer.status, JSON.stringify(entry.answer.headers), body(entry.answer));
        } else if (entry.fail) {
          flow.failed(entry.fail.message, entry.fail.sent === 'maybe');
        } else {
          flow.cancel();
        }
      } else if (entry.sleep !== undefined) {
        expectEqual([kind, Number(payload)], ['sleep', entry.sleep], 'the sleep');
        if (entry.cancel) flow.cancel();
      } else if (entry.progress) {
        if (kind !== 'progress') fail(`${v.name}: expected progress, got ${kind}`);
        const polled = JSON.parse(payload);
        expectEqual(Array.isArray(polled) ? polled[0].job.status : polled.status, entry.progress.status, 'the progress step');
      } else {
        const want = entry.done;
        if (want.error) {
          if (kind !== 'error') fail(`${v.name}: expected an error, got ${kind} ${payload}`);
          check(v.name, payload, want, v.config.key);
        } else {
          if (kind !== 'done') fail(`${v.name}: expected done, got ${kind} ${payload?.message ?? payload}`);
          if (want.status) expectEqual(JSON.parse(payload).status, want.status, "the job's status");
          if (want.outcomes) {
            const outcomes = JSON.parse(payload);
            expectEqual(outcomes.length, want.outcomes.length, 'one outcome per job');
            outcomes.forEach((o, i) => {
              if (want.outcomes[i].error) check(v.name, fromNative(o.error), want.outcomes[i], v.config.key);
              else expectEqual(o.job?.status, want.outcomes[i].status, "a job's outcome");
            });
          }
        }
        if (JSON.stringify(events).includes(v.config.key)) fail(`${v.name}: an event shows the key`);
        if (v.events) expectEqual(events, v.events, 'the events');
        return;
      }
    }
    fail(`${v.name}: the script ended before the flow did`);
  } finally {
    flow?.free();
  }
}

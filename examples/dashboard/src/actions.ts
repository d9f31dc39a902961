// What each action button does, and what its row's panel shows while and after it runs.
import type { Action, ActionResult, Job, ReinstallArgs, Server } from 'vpskit';

import { faithserver as client } from './clients';
import { h, show } from './dom';

/** What an action needs from its row. */
export interface RowContext {
  readonly server: Server;
  /** Replaces what the row's panel shows (nothing hides it). */
  panel(...children: (Node | string)[]): void;
  /** Runs `work` with the row's buttons greyed; errors land in the panel, with a Retry. */
  run(work: () => Promise<void>): Promise<void>;
  /** Reads the server again (allowed actions change with its power state). */
  refresh(): Promise<void>;
}

export interface ActionButton {
  action: Action;
  label: string;
  perform(row: RowContext): Promise<void>;
}

export const ACTIONS: ActionButton[] = [
  { action: 'reboot', label: 'Reboot', perform: (row) => power(row, 'reboot') },
  { action: 'start', label: 'Start', perform: (row) => power(row, 'start') },
  { action: 'stop', label: 'Stop', perform: (row) => power(row, 'stop') },
  { action: 'console', label: 'Console', perform: openConsole },
  { action: 'reinstall', label: 'Reinstall', perform: askReinstall },
  { action: 'rescue', label: 'Rescue', perform: toggleRescue },
];

const outcome = (text: string) => h('span', { class: 'outcome', 'data-state': 'done' }, `✓ ${text}`);

async function power(row: RowContext, action: 'reboot' | 'start' | 'stop'): Promise<void> {
  await row.run(async () => {
    row.panel(h('span', { class: 'muted' }, `${action}: sending…`));
    const result = await client[action](row.server);
    await finish(row, result, `${action[0].toUpperCase()}${action.slice(1)}`);
    await row.refresh();
  });
}

/** Shows an action's outcome: at once, or, when the gateway queued a job, its progress to the end. */
async function finish(row: RowContext, result: ActionResult, title: string): Promise<void> {
  if (result.jobId === null) {
    row.panel(outcome(`${title}: ${result.message ?? 'done'}`));
    return;
  }
  const bar = h('progress', { max: 100, value: 0 });
  const label = h('span', { class: 'job-label' });
  const update = (job: Job) => {
    bar.value = job.progress ?? 0;
    show(label, `${title} (${job.id}): ${job.status ?? 'unknown'} ${job.progress ?? 0}%`);
  };
  show(label, `${title} (${result.jobId}): queued, waiting for its first report…`);
  row.panel(h('span', { class: 'job', 'data-state': 'running' }, bar, ' ', label));
  const job = await client.waitForJob(result.jobId, { pollIntervalMs: 300, onUpdate: update });
  update(job);
  row.panel(h('span', { class: 'job', 'data-state': 'done' }, bar, ' ', label, ' ', outcome('done')));
}

/** The console URL holds a one-time token: it is a `Secret`, exposed only when the person asks. */
async function openConsole(row: RowContext): Promise<void> {
  await row.run(async () => {
    const session = await client.getConsole(row.server);
    const reveal = h('button', { class: 'reveal' }, 'Reveal URL');
    reveal.addEventListener('click', () => {
      const url = session.url.expose();
      row.panel(h('span', { class: 'console' }, 'Console: ',
        h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', class: 'console-url' }, url)));
    });
    row.panel(h('span', { class: 'console' }, `${session.message ?? 'Console session ready.'} `, reveal));
  });
}

/** Reinstall erases the server: offer its images and ask before sending anything. */
async function askReinstall(row: RowContext): Promise<void> {
  await row.run(async () => {
    row.panel(h('span', { class: 'muted' }, 'Loading images…'));
    const { images } = await client.listImages(row.server);
    const budget = row.server.product === 'Budget VPS'; // takes an OS template and a root password
    const image = h('select', { name: 'image', required: true },
      ...images.map((i) => h('option', { value: i.id }, i.name ?? i.id)));
    const password = budget
      ? h('input', { name: 'password', type: 'password', placeholder: 'new root password', required: true, minlength: 8, autocomplete: 'new-password' })
      : null;
    const form = h('form', { class: 'reinstall' },
      h('strong', {}, `Erase ${row.server.id} and install `), image, ' ', password ?? '', ' ',
      h('button', { type: 'submit', class: 'danger' }, 'Erase and reinstall'), ' ',
      h('button', { type: 'button', onclick: () => row.panel() }, 'Cancel'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const request: ReinstallArgs = password ? { osId: image.value, password: password.value } : { imageId: image.value };
      void row.run(async () => {
        const result = await client.reinstall(row.server, request);
        await finish(row, result, 'Reinstall');
        await row.refresh();
      });
    });
    row.panel(form);
  });
}

/** Rescue mode is switched on or off, and applied by the next reboot. */
async function toggleRescue(row: RowContext): Promise<void> {
  await row.run(async () => {
    const status = await client.getRescueStatus(row.server);
    const result = status.enabled ? await client.disableRescue(row.server) : await client.enableRescue(row.server);
    row.panel(outcome(`Rescue ${status.enabled ? 'off' : 'on'}: ${result.message ?? 'done'} (applied at the next reboot)`));
  });
}

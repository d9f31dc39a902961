// Node, ESM: list the fleet, check an action, reboot and wait for nothing more than the answer.
import { FaithServerClient, check, version } from 'vpskit';

const client = new FaithServerClient({ baseUrl: process.env.VPSKIT_MOCK_URL });
const servers = await client.listServers();
const verdict = check(servers[0], 'reboot');
const rebooted = await client.reboot(servers[0]);
console.log(JSON.stringify({ module: 'esm', version: version(), ids: servers.map((s) => s.id), verdict, rebooted: rebooted.action }));

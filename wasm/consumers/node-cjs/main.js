// Node, CommonJS: the same program through require().
const { FaithServerClient, check, version, isVpskitError } = require('vpskit');

async function main() {
  const client = new FaithServerClient({ baseUrl: process.env.VPSKIT_MOCK_URL });
  const servers = await client.listServers();
  const verdict = check(servers[0], 'reboot');
  const rebooted = await client.reboot(servers[0]);
  let refused = null;
  try {
    await client.getServer('fsrv_900');
  } catch (error) {
    refused = isVpskitError(error, 'not_found') ? error.kind : String(error);
  }
  console.log(JSON.stringify({ module: 'cjs', version: version(), ids: servers.map((s) => s.id), verdict, rebooted: rebooted.action, refused }));
}

main().catch((error) => {
  console.error(String(error));
  process.exit(1);
});

// The page every bundler project builds: lists the fleet through the page's own backend (a proxy
// at /api/v1 that adds the key, so no key is in the page) and shows it. Copied into each project.
export async function showFleet({ FaithServerClient, version }, client = undefined) {
  const out = document.getElementById('fleet');
  try {
    client ??= new FaithServerClient({ baseUrl: '/api/v1' });
    const servers = await client.listServers();
    out.textContent = servers.map((s) => `${s.id}\t${s.name}\t${s.status}`).join('\n');
    window.__fleet = { ids: servers.map((s) => s.id), version: version() };
  } catch (error) {
    out.textContent = String(error);
    window.__fleet = { error: String(error) };
  }
}

// CommonJS: `require('vpskit')` resolves its own declarations (index.d.cts).
import { FaithServerClient, isVpskitError, type Server } from 'vpskit';

export async function ids(): Promise<string[]> {
  try {
    const servers: Server[] = await new FaithServerClient({ apiKey: 'fs_live_example' }).listServers();
    return servers.map((s) => s.id);
  } catch (e) {
    return isVpskitError(e, 'auth') ? [] : Promise.reject(e);
  }
}

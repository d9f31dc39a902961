// The app's client, built when this module is imported: before main.js names the module's source.
import { FaithServerClient } from 'vpskit';

export const client = new FaithServerClient({ baseUrl: '/api/v1' });

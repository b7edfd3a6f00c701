import type { Transport } from '../transport';

/** Client resources of issue 4: routines (recurring work); spread into createClient. */
export function routinesResources(_t: Transport) {
  return {};
}

import type { Transport } from '../transport';

/** Client resources of issue 4: check-ins; spread into createClient. */
export function checkinsResources(_t: Transport) {
  return {};
}

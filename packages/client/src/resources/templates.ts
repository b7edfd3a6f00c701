import type { Transport } from '../transport';

/** Client resources of issue 4: item and space templates; spread into createClient. */
export function templatesResources(_t: Transport) {
  return {};
}

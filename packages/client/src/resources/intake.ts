import type { Transport } from '../transport';

/** Client resources of issue 4: intake forms, requests, SLA policies and working calendars; spread into createClient. */
export function intakeResources(_t: Transport) {
  return {};
}

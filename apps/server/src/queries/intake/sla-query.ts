import type { Database } from '@weft/db';
import { type Clause, queryError, type SlaState } from '@weft/domain';
import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from 'kysely';

type Target = 'first_response' | 'resolution';
const TARGETS: Target[] = ['first_response', 'resolution'];

const col = (alias: string, name: string) => sql.ref(`${alias}.${name}`);
const metCol = (t: Target) => (t === 'first_response' ? 'first_response_at' : 'resolved_at');

/** One target missed: met after its due time, or still open past it. Never NULL (so NOT works). */
function targetBreached(a: string, t: Target, now: string): RawBuilder<SqlBool> {
  const due = col(a, `${t}_due_at`);
  const met = col(a, metCol(t));
  return sql<SqlBool>`(${due} is not null and ((${met} is null and ${due} < ${now}) or (${met} is not null and ${met} > ${due})))`;
}

/** One target open, past its at-risk instant and not yet due. */
function targetAtRisk(a: string, t: Target, now: string): RawBuilder<SqlBool> {
  const due = col(a, `${t}_due_at`);
  const risk = col(a, `${t}_risk_at`);
  return sql<SqlBool>`(${due} is not null and ${risk} is not null and ${col(a, metCol(t))} is null and ${risk} <= ${now} and ${due} >= ${now})`;
}

/**
 * The SQL of a request's SLA state at `now`, over the `intake_requests` row aliased `a`: the same
 * rule as `requestSlaState` in the domain (the worst target wins; ISO instants compare as text).
 */
export function slaStateSql(a: string, state: SlaState, now: Date): RawBuilder<SqlBool> {
  const n = now.toISOString();
  const breached = sql<SqlBool>`(${sql.join(TARGETS.map((t) => targetBreached(a, t, n)), sql` or `)})`;
  const atRisk = sql<SqlBool>`(${sql.join(TARGETS.map((t) => targetAtRisk(a, t, n)), sql` or `)})`;
  if (state === 'breached') return breached;
  if (state === 'at_risk') return sql<SqlBool>`(${atRisk} and not ${breached})`;
  const hasSla = sql<SqlBool>`(${col(a, 'first_response_due_at')} is not null or ${col(a, 'resolution_due_at')} is not null)`;
  return sql<SqlBool>`(${hasSla} and not ${breached} and not ${atRisk})`;
}

/** The query language's `sla:breached|at_risk|on_track` (values ORed): items whose request is in that state. */
export function slaClause(c: Clause, now: Date): (eb: ExpressionBuilder<Database, 'items'>) => Expression<SqlBool> {
  const states = c.values.map((v) => v.toLowerCase().replace(/[\s-]+/g, '_'));
  for (const s of states) if (s !== 'breached' && s !== 'at_risk' && s !== 'on_track') throw queryError(`Unknown 'sla:' value '${s}': use breached, at_risk, on_track`, c.position, 3);
  return (eb) =>
    eb.or(
      (states as SlaState[]).map((s) =>
        eb(
          'items.id',
          'in',
          eb
            .selectFrom('intake_requests as sla_r')
            .select('sla_r.item_id')
            .where(() => slaStateSql('sla_r', s, now)),
        ),
      ),
    );
}

/**
 * One versioned schema change. Versions only grow; a released migration is never edited,
 * a new one is appended instead, so every database converges on the same schema.
 *
 * @example
 * const m: Migration = { version: 1, name: 'events', sql: 'CREATE TABLE events (…)' };
 */
export interface Migration {
  version: number;
  name: string;
  /** Statements separated by `;` at line ends, run in one transaction. */
  sql: string;
}

/** Split a migration's SQL into statements (migrations never contain `;` inside literals). */
export function statementsOf(sql: string): string[] {
  return sql
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

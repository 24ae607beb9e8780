import type { Migration } from '../storage/migration';

/**
 * Referral tables on SQLite, applied through `referral_migrations`. A visitor can be referred
 * once per site (`referral_claims` is keyed by the referred visitor). Append; never edit.
 */
export const SQLITE_REFERRAL_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'referral programs, links, claims; group offers',
    sql: `
CREATE TABLE referral_programs (site TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, updated INTEGER NOT NULL, PRIMARY KEY (site, id));
CREATE TABLE referral_links (
  site TEXT NOT NULL, token TEXT NOT NULL, program TEXT NOT NULL, sharer_visitor TEXT NOT NULL, sharer_customer TEXT,
  created INTEGER NOT NULL, PRIMARY KEY (site, token));
CREATE INDEX referral_links_sharer ON referral_links (site, program, sharer_visitor);
CREATE TABLE referral_claims (
  site TEXT NOT NULL, visitor TEXT NOT NULL, token TEXT NOT NULL, program TEXT NOT NULL, sharer_visitor TEXT NOT NULL,
  sharer_customer TEXT, welcome TEXT, order_id TEXT, reward TEXT, created INTEGER NOT NULL, rewarded INTEGER,
  PRIMARY KEY (site, visitor));
CREATE INDEX referral_claims_sharer ON referral_claims (site, program, sharer_visitor);
CREATE TABLE group_offers (site TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, updated INTEGER NOT NULL, PRIMARY KEY (site, id));
CREATE TABLE group_rounds (
  site TEXT NOT NULL, offer TEXT NOT NULL, token TEXT NOT NULL, opened INTEGER NOT NULL, members INTEGER NOT NULL,
  unlocked INTEGER, PRIMARY KEY (site, offer, token));
CREATE TABLE group_members (
  site TEXT NOT NULL, offer TEXT NOT NULL, token TEXT NOT NULL, visitor TEXT NOT NULL, joined INTEGER NOT NULL,
  PRIMARY KEY (site, offer, token, visitor))`,
  },
];

/** The same tables on PostgreSQL. */
export const POSTGRES_REFERRAL_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'referral programs, links, claims; group offers',
    sql: `
CREATE TABLE referral_programs (site TEXT NOT NULL, id TEXT NOT NULL, data JSONB NOT NULL, updated BIGINT NOT NULL, PRIMARY KEY (site, id));
CREATE TABLE referral_links (
  site TEXT NOT NULL, token TEXT NOT NULL, program TEXT NOT NULL, sharer_visitor TEXT NOT NULL, sharer_customer TEXT,
  created BIGINT NOT NULL, PRIMARY KEY (site, token));
CREATE INDEX referral_links_sharer ON referral_links (site, program, sharer_visitor);
CREATE TABLE referral_claims (
  site TEXT NOT NULL, visitor TEXT NOT NULL, token TEXT NOT NULL, program TEXT NOT NULL, sharer_visitor TEXT NOT NULL,
  sharer_customer TEXT, welcome JSONB, order_id TEXT, reward JSONB, created BIGINT NOT NULL, rewarded BIGINT,
  PRIMARY KEY (site, visitor));
CREATE INDEX referral_claims_sharer ON referral_claims (site, program, sharer_visitor);
CREATE TABLE group_offers (site TEXT NOT NULL, id TEXT NOT NULL, data JSONB NOT NULL, updated BIGINT NOT NULL, PRIMARY KEY (site, id));
CREATE TABLE group_rounds (
  site TEXT NOT NULL, offer TEXT NOT NULL, token TEXT NOT NULL, opened BIGINT NOT NULL, members INTEGER NOT NULL,
  unlocked BIGINT, PRIMARY KEY (site, offer, token));
CREATE TABLE group_members (
  site TEXT NOT NULL, offer TEXT NOT NULL, token TEXT NOT NULL, visitor TEXT NOT NULL, joined BIGINT NOT NULL,
  PRIMARY KEY (site, offer, token, visitor))`,
  },
];

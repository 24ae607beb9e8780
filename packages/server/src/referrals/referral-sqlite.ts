import type Database from 'better-sqlite3';
import { runSqliteMigrations } from '../storage/run-migrations';
import { sqliteMovePoints } from '../points/ledger-tx';
import type { GroupOfferDefinition } from '../group-offers/group-offer.schema';
import { SQLITE_REFERRAL_MIGRATIONS } from './referral-migrations';
import { closesAt, LOOP_DEPTH, REFERRAL_REASON, type ClaimOutcome, type JoinOutcome, type ReferralClaim, type ReferralStore, type RewardOutcome } from './referral-store';
import type { ReferralProgram } from './referral.schema';

interface ClaimRow {
  visitor: string;
  token: string;
  program: string;
  sharer_visitor: string;
  sharer_customer: string | null;
  welcome: string | null;
  order_id: string | null;
  reward: string | null;
  created: number;
  rewarded: number | null;
}
interface RoundRow {
  opened: number;
  members: number;
  unlocked: number | null;
}

/**
 * Referrals and group offers on the SQLite database the event storage opened. Guarded steps run
 * in `BEGIN IMMEDIATE` transactions: one writer at a time, also across processes on one file.
 *
 * @example
 * const referrals = createSqliteReferralStore(storage.db);
 */
export function createSqliteReferralStore(db: Database.Database): ReferralStore {
  runSqliteMigrations(db, 'referral_migrations', SQLITE_REFERRAL_MIGRATIONS);
  const q = <P extends unknown[], R = unknown>(sql: string) => db.prepare<P, R>(sql);
  const putProgram = q<[string, string, string, number]>(
    'INSERT INTO referral_programs (site, id, data, updated) VALUES (?, ?, ?, ?) ON CONFLICT (site, id) DO UPDATE SET data = excluded.data, updated = excluded.updated',
  );
  const getProgram = q<[string, string], { data: string }>('SELECT data FROM referral_programs WHERE site = ? AND id = ?');
  const listPrograms = q<[string], { data: string }>('SELECT data FROM referral_programs WHERE site = ? ORDER BY id');
  const linkOf = q<[string, string, string], { token: string; sharer_customer: string | null }>(
    'SELECT token, sharer_customer FROM referral_links WHERE site = ? AND program = ? AND sharer_visitor = ? ORDER BY created LIMIT 1',
  );
  const setLinkCustomer = q<[string, string, string]>('UPDATE referral_links SET sharer_customer = ? WHERE site = ? AND token = ?');
  const insertLink = q<[string, string, string, string, string | null, number]>(
    'INSERT INTO referral_links (site, token, program, sharer_visitor, sharer_customer, created) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const tokenRow = q<[string, string], { program: string; sharer_visitor: string; sharer_customer: string | null }>(
    'SELECT program, sharer_visitor, sharer_customer FROM referral_links WHERE site = ? AND token = ?',
  );
  const claimOf = q<[string, string], ClaimRow>('SELECT * FROM referral_claims WHERE site = ? AND visitor = ?');
  const insertClaim = q<[string, string, string, string, string, string | null, number]>(
    'INSERT INTO referral_claims (site, visitor, token, program, sharer_visitor, sharer_customer, created) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const setWelcome = q<[string, string, string]>('UPDATE referral_claims SET welcome = ? WHERE site = ? AND visitor = ?');
  const claimByOrder = q<[string, string], ClaimRow>(
    `SELECT c.* FROM referral_claims c JOIN promo_coupons p ON p.site = c.site AND p.subject = 'v:' || c.visitor AND p.code = json_extract(c.welcome, '$.code')
     WHERE c.site = ? AND p.order_id = ? AND p.redeemed IS NOT NULL`,
  );
  const rewardsOf = q<[string, string, string], { n: number }>(
    'SELECT count(*) AS n FROM referral_claims WHERE site = ? AND program = ? AND sharer_visitor = ? AND rewarded IS NOT NULL',
  );
  const markRewarded = q<[string, string, number, string, string]>('UPDATE referral_claims SET order_id = ?, reward = ?, rewarded = ? WHERE site = ? AND visitor = ?');
  const setReward = q<[string, string, string]>('UPDATE referral_claims SET reward = ? WHERE site = ? AND visitor = ?');
  const claimsOf = q<[string, string], ClaimRow>('SELECT * FROM referral_claims WHERE site = ? AND program = ? ORDER BY created, visitor');

  const putOffer = q<[string, string, string, number]>(
    'INSERT INTO group_offers (site, id, data, updated) VALUES (?, ?, ?, ?) ON CONFLICT (site, id) DO UPDATE SET data = excluded.data, updated = excluded.updated',
  );
  const getOffer = q<[string, string], { data: string }>('SELECT data FROM group_offers WHERE site = ? AND id = ?');
  const roundOf = q<[string, string, string], RoundRow>('SELECT opened, members, unlocked FROM group_rounds WHERE site = ? AND offer = ? AND token = ?');
  const openRound = q<[string, string, string, number]>(
    `INSERT INTO group_rounds (site, offer, token, opened, members) VALUES (?, ?, ?, ?, 0)
     ON CONFLICT (site, offer, token) DO UPDATE SET opened = excluded.opened, members = 0, unlocked = NULL`,
  );
  const clearMembers = q<[string, string, string]>('DELETE FROM group_members WHERE site = ? AND offer = ? AND token = ?');
  const isMember = q<[string, string, string, string], { joined: number }>('SELECT joined FROM group_members WHERE site = ? AND offer = ? AND token = ? AND visitor = ?');
  const addMember = q<[string, string, string, string, number]>('INSERT INTO group_members (site, offer, token, visitor, joined) VALUES (?, ?, ?, ?, ?)');
  const countUp = q<[number | null, string, string, string]>('UPDATE group_rounds SET members = members + 1, unlocked = coalesce(unlocked, ?) WHERE site = ? AND offer = ? AND token = ?');

  const claimTx = db.transaction((site: string, token: string, visitor: string, customer: string | null, now: number): ClaimOutcome => {
    const link = tokenRow.get(site, token);
    if (!link) return { kind: 'unknown_token' };
    if (link.sharer_visitor === visitor || (customer !== null && link.sharer_customer === customer)) return { kind: 'self_referral' };
    const mine = claimOf.get(site, visitor);
    if (mine) return mine.token === token ? { kind: 'replay', claim: toClaim(mine) } : { kind: 'already_referred' };
    // Walk up the sharer's own referral chain: meeting this visitor means the links form a loop.
    let up = link.sharer_visitor;
    for (let depth = 0; depth < LOOP_DEPTH; depth++) {
      const parent = claimOf.get(site, up);
      if (!parent) break;
      if (parent.sharer_visitor === visitor) return { kind: 'loop' };
      up = parent.sharer_visitor;
    }
    insertClaim.run(site, visitor, token, link.program, link.sharer_visitor, link.sharer_customer, now);
    return { kind: 'claimed', claim: toClaim(claimOf.get(site, visitor)!) };
  });

  const rewardTx = db.transaction((site: string, orderId: string, now: number): RewardOutcome => {
    const row = claimByOrder.get(site, orderId);
    if (!row) return { kind: 'no_referral' };
    if (row.rewarded !== null) return { kind: 'duplicate', claim: toClaim(row) };
    const program = parseProgram(getProgram.get(site, row.program)?.data);
    if (!program) return { kind: 'no_referral' };
    if (program.maxRewardsPerSharer !== undefined && rewardsOf.get(site, row.program, row.sharer_visitor)!.n >= program.maxRewardsPerSharer) {
      return { kind: 'reward_cap', claim: toClaim(row) };
    }
    let reward: ReferralClaim['reward'];
    if ('points' in program.reward) {
      if (!row.sharer_customer) reward = { kind: 'failed', reason: 'sharer_not_identified' };
      else {
        sqliteMovePoints(db, { site, customer: row.sharer_customer, delta: program.reward.points, reason: REFERRAL_REASON, ref: `${row.program}/${orderId}`, now });
        reward = { kind: 'points', points: program.reward.points, customer: row.sharer_customer };
      }
    } else reward = { kind: 'pending' };
    markRewarded.run(orderId, JSON.stringify(reward), now, site, row.visitor);
    return { kind: 'rewarded', claim: toClaim(claimOf.get(site, row.visitor)!) };
  });

  const joinTx = db.transaction((site: string, offer: GroupOfferDefinition, token: string, visitor: string, now: number): JoinOutcome => {
    let round = roundOf.get(site, offer.id, token);
    const window = offer.windowHours * 3_600_000;
    if (round && round.unlocked === null && now >= closesAt(round.opened, window)) {
      // The window passed without enough shoppers: this link starts a fresh round.
      clearMembers.run(site, offer.id, token);
      round = undefined;
    }
    if (!round) {
      openRound.run(site, offer.id, token, now);
      round = roundOf.get(site, offer.id, token)!;
    }
    const closes = closesAt(round.opened, window);
    if (isMember.get(site, offer.id, token, visitor)) return { kind: 'member', members: round.members, size: offer.size, unlocked: round.unlocked !== null, opened: round.opened, closes };
    // An unlocked round takes latecomers until its window ends.
    if (round.unlocked !== null && now >= closes) return { kind: 'closed', members: round.members, size: offer.size, opened: round.opened, closes };
    addMember.run(site, offer.id, token, visitor, now);
    countUp.run(round.members + 1 >= offer.size ? now : null, site, offer.id, token);
    const after = roundOf.get(site, offer.id, token)!;
    return { kind: 'joined', members: after.members, size: offer.size, unlocked: after.unlocked !== null, opened: after.opened, closes };
  });

  return {
    kind: 'sqlite',
    async putPrograms(site, programs) {
      const now = Date.now();
      db.transaction(() => programs.forEach((p) => putProgram.run(site, p.id, JSON.stringify(p), now))).immediate();
    },
    async getProgram(site, id) {
      return parseProgram(getProgram.get(site, id)?.data);
    },
    async listPrograms(site) {
      return listPrograms.all(site).map((r) => JSON.parse(r.data) as ReferralProgram);
    },
    async link(site, program, sharerVisitor, sharerCustomer, newToken, now) {
      return db
        .transaction(() => {
          const existing = linkOf.get(site, program, sharerVisitor);
          if (existing) {
            // A sharer who signs in later binds their link, so a points reward can reach them.
            if (sharerCustomer && !existing.sharer_customer) setLinkCustomer.run(sharerCustomer, site, existing.token);
            return { token: existing.token, program, sharerVisitor, sharerCustomer: existing.sharer_customer ?? sharerCustomer };
          }
          const token = newToken();
          insertLink.run(site, token, program, sharerVisitor, sharerCustomer, now);
          return { token, program, sharerVisitor, sharerCustomer };
        })
        .immediate();
    },
    async linkExists(site, token) {
      return tokenRow.get(site, token) !== undefined;
    },
    async claim(site, token, visitor, customer, now) {
      return claimTx.immediate(site, token, visitor, customer, now);
    },
    async setWelcome(site, visitor, welcome) {
      setWelcome.run(JSON.stringify(welcome), site, visitor);
    },
    async reward(site, orderId, now) {
      return rewardTx.immediate(site, orderId, now);
    },
    async setReward(site, visitor, reward) {
      setReward.run(JSON.stringify(reward), site, visitor);
    },
    async claims(site, program) {
      return claimsOf.all(site, program).map(toClaim);
    },
    async putGroupOffers(site, offers) {
      const now = Date.now();
      db.transaction(() => offers.forEach((o) => putOffer.run(site, o.id, JSON.stringify(o), now))).immediate();
    },
    async getGroupOffer(site, id) {
      const row = getOffer.get(site, id);
      return row && (JSON.parse(row.data) as GroupOfferDefinition);
    },
    async joinGroup(site, offer, token, visitor, now) {
      return joinTx.immediate(site, offer, token, visitor, now);
    },
    async groupRound(site, offer, token, visitor, now) {
      const round = roundOf.get(site, offer.id, token);
      const window = offer.windowHours * 3_600_000;
      if (!round || (round.unlocked === null && now >= closesAt(round.opened, window))) return { members: 0, unlocked: false, member: false, opened: null, closes: null };
      const member = visitor !== undefined && !!isMember.get(site, offer.id, token, visitor);
      return { members: round.members, unlocked: round.unlocked !== null, member, opened: round.opened, closes: closesAt(round.opened, window) };
    },
  };
}

function parseProgram(data: string | undefined): ReferralProgram | undefined {
  return data === undefined ? undefined : (JSON.parse(data) as ReferralProgram);
}

function toClaim(r: ClaimRow): ReferralClaim {
  return {
    visitor: r.visitor,
    token: r.token,
    program: r.program,
    sharerVisitor: r.sharer_visitor,
    sharerCustomer: r.sharer_customer,
    welcome: r.welcome === null ? null : JSON.parse(r.welcome),
    orderId: r.order_id,
    reward: r.reward === null ? null : JSON.parse(r.reward),
    at: Number(r.created),
    rewardedAt: r.rewarded === null ? null : Number(r.rewarded),
  };
}

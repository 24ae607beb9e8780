import type postgres from 'postgres';
import { runPostgresMigrations } from '../storage/run-migrations';
import { postgresMovePoints } from '../points/ledger-tx';
import type { GroupOfferDefinition } from '../group-offers/group-offer.schema';
import { POSTGRES_REFERRAL_MIGRATIONS } from './referral-migrations';
import { closesAt, LOOP_DEPTH, REFERRAL_REASON, type ClaimOutcome, type JoinOutcome, type ReferralClaim, type ReferralStore, type RewardOutcome } from './referral-store';
import type { ReferralProgram } from './referral.schema';

type Db = postgres.Sql | postgres.TransactionSql;
interface ClaimRow {
  visitor: string;
  token: string;
  program: string;
  sharer_visitor: string;
  sharer_customer: string | null;
  welcome: ReferralClaim['welcome'];
  order_id: string | null;
  reward: ReferralClaim['reward'];
  created: string;
  rewarded: string | null;
}
interface RoundRow {
  opened: string;
  members: number;
  unlocked: string | null;
}

/**
 * Referrals and group offers on the PostgreSQL pool the event storage opened. A claim locks the
 * link's row, a reward locks the claim's row, a group join locks the round's row: concurrent
 * requests from any number of processes queue there.
 *
 * @example
 * const referrals = await createPostgresReferralStore(storage.sql);
 */
export async function createPostgresReferralStore(sql: postgres.Sql): Promise<ReferralStore> {
  await runPostgresMigrations(sql, 'referral_migrations', 'affinity-referrals', POSTGRES_REFERRAL_MIGRATIONS);
  const claimOf = async (db: Db, site: string, visitor: string) => (await db<ClaimRow[]>`SELECT * FROM referral_claims WHERE site = ${site} AND visitor = ${visitor}`)[0];
  const roundOf = async (db: Db, site: string, offer: string, token: string) =>
    (await db<RoundRow[]>`SELECT opened, members, unlocked FROM group_rounds WHERE site = ${site} AND offer = ${offer} AND token = ${token} FOR UPDATE`)[0];

  return {
    kind: 'postgres',
    async putPrograms(site, programs) {
      const now = Date.now();
      await sql.begin(async (tx) => {
        for (const p of programs) {
          await tx`INSERT INTO referral_programs (site, id, data, updated) VALUES (${site}, ${p.id}, ${tx.json(p as never)}, ${now})
                   ON CONFLICT (site, id) DO UPDATE SET data = excluded.data, updated = excluded.updated`;
        }
      });
    },
    async getProgram(site, id) {
      return (await sql<{ data: ReferralProgram }[]>`SELECT data FROM referral_programs WHERE site = ${site} AND id = ${id}`)[0]?.data;
    },
    async listPrograms(site) {
      return (await sql<{ data: ReferralProgram }[]>`SELECT data FROM referral_programs WHERE site = ${site} ORDER BY id`).map((r) => r.data);
    },
    async link(site, program, sharerVisitor, sharerCustomer, newToken, now) {
      return sql.begin(async (tx) => {
        // Serialise link creation per sharer so two tabs sharing at once get the same token.
        await tx`SELECT pg_advisory_xact_lock(hashtext(${`affinity-referral-link:${site}:${program}:${sharerVisitor}`}))`;
        const [existing] = await tx<{ token: string; sharer_customer: string | null }[]>`
          SELECT token, sharer_customer FROM referral_links WHERE site = ${site} AND program = ${program} AND sharer_visitor = ${sharerVisitor} ORDER BY created LIMIT 1`;
        if (existing) {
          if (sharerCustomer && !existing.sharer_customer) await tx`UPDATE referral_links SET sharer_customer = ${sharerCustomer} WHERE site = ${site} AND token = ${existing.token}`;
          return { token: existing.token, program, sharerVisitor, sharerCustomer: existing.sharer_customer ?? sharerCustomer };
        }
        const token = newToken();
        await tx`INSERT INTO referral_links (site, token, program, sharer_visitor, sharer_customer, created) VALUES (${site}, ${token}, ${program}, ${sharerVisitor}, ${sharerCustomer}, ${now})`;
        return { token, program, sharerVisitor, sharerCustomer };
      });
    },
    async linkExists(site, token) {
      return (await sql`SELECT 1 FROM referral_links WHERE site = ${site} AND token = ${token}`).length > 0;
    },
    async claim(site, token, visitor, customer, now) {
      return sql.begin(async (tx): Promise<ClaimOutcome> => {
        // Claims of a site queue on one lock: a visitor is claimed once, and two shoppers landing on
        // each other's links at the same moment cannot both pass the loop check.
        await tx`SELECT pg_advisory_xact_lock(hashtext(${`affinity-referral-claim:${site}`}))`;
        const [link] = await tx<{ program: string; sharer_visitor: string; sharer_customer: string | null }[]>`
          SELECT program, sharer_visitor, sharer_customer FROM referral_links WHERE site = ${site} AND token = ${token}`;
        if (!link) return { kind: 'unknown_token' };
        if (link.sharer_visitor === visitor || (customer !== null && link.sharer_customer === customer)) return { kind: 'self_referral' };
        const mine = await claimOf(tx, site, visitor);
        if (mine) return mine.token === token ? { kind: 'replay', claim: toClaim(mine) } : { kind: 'already_referred' };
        let up = link.sharer_visitor;
        for (let depth = 0; depth < LOOP_DEPTH; depth++) {
          const parent = await claimOf(tx, site, up);
          if (!parent) break;
          if (parent.sharer_visitor === visitor) return { kind: 'loop' };
          up = parent.sharer_visitor;
        }
        await tx`INSERT INTO referral_claims (site, visitor, token, program, sharer_visitor, sharer_customer, created)
                 VALUES (${site}, ${visitor}, ${token}, ${link.program}, ${link.sharer_visitor}, ${link.sharer_customer}, ${now})`;
        return { kind: 'claimed', claim: toClaim((await claimOf(tx, site, visitor))!) };
      });
    },
    async setWelcome(site, visitor, welcome) {
      await sql`UPDATE referral_claims SET welcome = ${sql.json(welcome as never)} WHERE site = ${site} AND visitor = ${visitor}`;
    },
    async reward(site, orderId, now) {
      return sql.begin(async (tx): Promise<RewardOutcome> => {
        const [row] = await tx<ClaimRow[]>`
          SELECT c.* FROM referral_claims c JOIN promo_coupons p ON p.site = c.site AND p.subject = 'v:' || c.visitor AND p.code = c.welcome->>'code'
          WHERE c.site = ${site} AND p.order_id = ${orderId} AND p.redeemed IS NOT NULL FOR UPDATE OF c`;
        if (!row) return { kind: 'no_referral' };
        if (row.rewarded !== null) return { kind: 'duplicate', claim: toClaim(row) };
        const [def] = await tx<{ data: ReferralProgram }[]>`SELECT data FROM referral_programs WHERE site = ${site} AND id = ${row.program}`;
        const program = def?.data;
        if (!program) return { kind: 'no_referral' };
        if (program.maxRewardsPerSharer !== undefined) {
          // Rewards of one sharer queue on their lock, so the cap holds under concurrency.
          await tx`SELECT pg_advisory_xact_lock(hashtext(${`affinity-referral-reward:${site}:${row.program}:${row.sharer_visitor}`}))`;
          const [n] = await tx<{ n: string }[]>`SELECT count(*) AS n FROM referral_claims WHERE site = ${site} AND program = ${row.program} AND sharer_visitor = ${row.sharer_visitor} AND rewarded IS NOT NULL`;
          if (Number(n!.n) >= program.maxRewardsPerSharer) return { kind: 'reward_cap', claim: toClaim(row) };
        }
        let reward: ReferralClaim['reward'];
        if ('points' in program.reward) {
          if (!row.sharer_customer) reward = { kind: 'failed', reason: 'sharer_not_identified' };
          else {
            await postgresMovePoints(tx, { site, customer: row.sharer_customer, delta: program.reward.points, reason: REFERRAL_REASON, ref: `${row.program}/${orderId}`, now });
            reward = { kind: 'points', points: program.reward.points, customer: row.sharer_customer };
          }
        } else reward = { kind: 'pending' };
        await tx`UPDATE referral_claims SET order_id = ${orderId}, reward = ${tx.json(reward as never)}, rewarded = ${now} WHERE site = ${site} AND visitor = ${row.visitor}`;
        return { kind: 'rewarded', claim: toClaim((await claimOf(tx, site, row.visitor))!) };
      });
    },
    async setReward(site, visitor, reward) {
      await sql`UPDATE referral_claims SET reward = ${sql.json(reward as never)} WHERE site = ${site} AND visitor = ${visitor}`;
    },
    async claims(site, program) {
      return (await sql<ClaimRow[]>`SELECT * FROM referral_claims WHERE site = ${site} AND program = ${program} ORDER BY created, visitor`).map(toClaim);
    },
    async putGroupOffers(site, offers) {
      const now = Date.now();
      await sql.begin(async (tx) => {
        for (const o of offers) {
          await tx`INSERT INTO group_offers (site, id, data, updated) VALUES (${site}, ${o.id}, ${tx.json(o as never)}, ${now})
                   ON CONFLICT (site, id) DO UPDATE SET data = excluded.data, updated = excluded.updated`;
        }
      });
    },
    async getGroupOffer(site, id) {
      return (await sql<{ data: GroupOfferDefinition }[]>`SELECT data FROM group_offers WHERE site = ${site} AND id = ${id}`)[0]?.data;
    },
    async joinGroup(site, offer, token, visitor, now) {
      return sql.begin(async (tx): Promise<JoinOutcome> => {
        const window = offer.windowHours * 3_600_000;
        // Make sure the round row exists, then lock it: every join of this link queues here.
        await tx`INSERT INTO group_rounds (site, offer, token, opened, members) VALUES (${site}, ${offer.id}, ${token}, ${now}, 0) ON CONFLICT DO NOTHING`;
        let round = (await roundOf(tx, site, offer.id, token))!;
        if (round.unlocked === null && now >= closesAt(Number(round.opened), window)) {
          await tx`DELETE FROM group_members WHERE site = ${site} AND offer = ${offer.id} AND token = ${token}`;
          await tx`UPDATE group_rounds SET opened = ${now}, members = 0, unlocked = NULL WHERE site = ${site} AND offer = ${offer.id} AND token = ${token}`;
          round = { opened: String(now), members: 0, unlocked: null };
        }
        const opened = Number(round.opened);
        const closes = closesAt(opened, window);
        const [member] = await tx`SELECT 1 FROM group_members WHERE site = ${site} AND offer = ${offer.id} AND token = ${token} AND visitor = ${visitor}`;
        if (member) return { kind: 'member', members: round.members, size: offer.size, unlocked: round.unlocked !== null, opened, closes };
        if (round.unlocked !== null && now >= closes) return { kind: 'closed', members: round.members, size: offer.size, opened, closes };
        await tx`INSERT INTO group_members (site, offer, token, visitor, joined) VALUES (${site}, ${offer.id}, ${token}, ${visitor}, ${now})`;
        const [after] = await tx<{ members: number; unlocked: string | null }[]>`
          UPDATE group_rounds SET members = members + 1, unlocked = coalesce(unlocked, CASE WHEN members + 1 >= ${offer.size} THEN ${now}::bigint END)
          WHERE site = ${site} AND offer = ${offer.id} AND token = ${token} RETURNING members, unlocked`;
        return { kind: 'joined', members: after!.members, size: offer.size, unlocked: after!.unlocked !== null, opened, closes };
      });
    },
    async groupRound(site, offer, token, visitor, now) {
      const [round] = await sql<RoundRow[]>`SELECT opened, members, unlocked FROM group_rounds WHERE site = ${site} AND offer = ${offer.id} AND token = ${token}`;
      const window = offer.windowHours * 3_600_000;
      if (!round || (round.unlocked === null && now >= closesAt(Number(round.opened), window))) return { members: 0, unlocked: false, member: false, opened: null, closes: null };
      const member = visitor !== undefined && (await sql`SELECT 1 FROM group_members WHERE site = ${site} AND offer = ${offer.id} AND token = ${token} AND visitor = ${visitor}`).length > 0;
      return { members: round.members, unlocked: round.unlocked !== null, member, opened: Number(round.opened), closes: closesAt(Number(round.opened), window) };
    },
  };
}

function toClaim(r: ClaimRow): ReferralClaim {
  return {
    visitor: r.visitor,
    token: r.token,
    program: r.program,
    sharerVisitor: r.sharer_visitor,
    sharerCustomer: r.sharer_customer,
    welcome: r.welcome,
    orderId: r.order_id,
    reward: r.reward,
    at: Number(r.created),
    rewardedAt: r.rewarded === null ? null : Number(r.rewarded),
  };
}

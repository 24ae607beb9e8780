import type { IncomingMessage } from 'node:http';
import type { ServerConfig } from './config';
import type { Access } from './http/cors';
import type { Limits } from './http/rate-limit';
import type { Storage } from './storage/storage';
import type { Tokens } from './identity/tokens';
import type { ReferralRewards } from './referrals/referral-rewards';

/** What every resource's routes share: built once by `createApp`, passed to each `xRoutes(app)`. */
export interface AppContext {
  config: ServerConfig;
  storage: Storage;
  access: Access;
  limits: Limits;
  tokens: Tokens;
  /** Referral rewards, shared by the referral endpoints and the coupon redemption; present with promotions. */
  referralRewards?: ReferralRewards;
  /** Whether the request carries the admin / server-to-server key. */
  isAdmin(req: IncomingMessage): boolean;
}

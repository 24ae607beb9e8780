export { createShareLink, withToken, withoutToken, tokenIn, REFERRAL_PARAM, type ShareLinkOptions, type ShareLinkResult } from './share-link';
export { landReferral, type LandReferralOptions, type LandingResult, type ReferralWelcome } from './land';
export { joinGroupOffer, claimGroupOffer, type GroupOfferOptions, type GroupRound, type GroupAnswer, type GroupCode } from './group-offer';

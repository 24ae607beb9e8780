export * from './types';
export { connectLottery, type LotteryOptions, type LotteryConnector, type LotteryState, type LotteryStatus } from './connect-lottery';
export { revealPath, oddsPercent } from './reveal';

/** The server's clock as seen from the browser. */
export interface ServerClock {
  /** Server time now, epoch ms: the local clock plus the measured offset. */
  now(): number;
  /** Server minus local clock, ms (positive when the local clock is behind). */
  readonly offset: number;
  /**
   * Feed one response's `serverTime`, with the local times the request left and the answer came
   * back. The sample with the shortest round trip wins: its midpoint is the tightest bound.
   */
  observe(serverTime: number, sentAt: number, receivedAt: number): void;
}

/**
 * Correct a (possibly wrong) device clock against server time, NTP-style: the server stamped
 * its answer somewhere between send and receive, so the midpoint is the best local estimate.
 *
 * @example
 * const clock = createServerClock();
 * const sent = Date.now(); const res = await fetch(url); const { serverTime } = await res.json();
 * clock.observe(serverTime, sent, Date.now());
 * const msToStart = sale.startsAt - clock.now();
 */
export function createServerClock(localNow: () => number = Date.now): ServerClock {
  let offset = 0;
  let bestRtt = Infinity;
  return {
    now: () => localNow() + offset,
    get offset() {
      return offset;
    },
    observe(serverTime, sentAt, receivedAt) {
      const rtt = receivedAt - sentAt;
      if (!Number.isFinite(serverTime) || rtt < 0 || rtt > bestRtt) return;
      bestRtt = rtt;
      offset = Math.round(serverTime - (sentAt + receivedAt) / 2);
    },
  };
}

// The demo store's simulated clock, for QA personas ("the same shopper, 60 days later").
// Loaded synchronously before affinity.js, so every clock the SDK reads (Date.now) follows it:
// events, sessions, decay and lifecycle all move in simulated time. The offset is kept in
// localStorage; without one Date.now is exact. QA only: a real store has no use for this file.
(function () {
  var KEY = 'demo-store.clock-offset-ms';
  var real = Date.now;
  var offset = 0;
  try {
    offset = Number(localStorage.getItem(KEY)) || 0;
  } catch (e) {
    // storage blocked: real time
  }
  Date.now = function () {
    return real.call(Date) + offset;
  };
  window.demoClock = {
    /** Milliseconds the page's clock is ahead (negative: behind) of real time. */
    offset: function () {
      return offset;
    },
    /** Moves the clock to real time + `ms` for this page and the next ones (0: back to real time). */
    set: function (ms) {
      offset = Number(ms) || 0;
      try {
        if (offset) localStorage.setItem(KEY, String(offset));
        else localStorage.removeItem(KEY);
      } catch (e) {
        // storage blocked: this page only
      }
    },
  };
})();

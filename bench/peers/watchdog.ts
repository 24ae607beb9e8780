// Renderer memory of this process's own Chromium, sampled from /proc through `ps`: the peak a
// tracker drives the page to, and a safety cap so one tracker's burst cannot take the shared
// machine's memory (the renderer is killed by its pid, which the page sees as a crash).
import { execFileSync } from 'node:child_process';

interface Proc {
  pid: number;
  ppid: number;
  rss: number;
  renderer: boolean;
}

function processes(): Proc[] {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,args='], { encoding: 'utf8', maxBuffer: 16 << 20 });
  return out
    .split('\n')
    .map((l) => l.trim().match(/^(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/))
    .filter((m): m is RegExpMatchArray => !!m)
    .map((m) => ({ pid: +m[1]!, ppid: +m[2]!, rss: +m[3]! * 1024, renderer: m[4]!.includes('--type=renderer') }));
}

/** Renderer processes descended from this Node process (never another engineer's browser). */
export function ownRenderers(): Proc[] {
  const all = processes();
  const mine = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) if (mine.has(p.ppid) && !mine.has(p.pid)) (mine.add(p.pid), (grew = true));
  }
  return all.filter((p) => p.renderer && mine.has(p.pid));
}

/**
 * Samples every `everyMs`; a renderer above `limitBytes` is killed.
 * @example const w = watchRenderers(3 << 30); …; const { peak, killed } = w.stop();
 */
export function watchRenderers(limitBytes: number, everyMs = 500) {
  let peak = 0;
  let killed = 0;
  const sample = () => {
    try {
      for (const r of ownRenderers()) {
        peak = Math.max(peak, r.rss);
        if (r.rss > limitBytes) {
          process.kill(r.pid, 'SIGKILL');
          killed++;
        }
      }
    } catch {
      // ps unavailable or the process already gone: nothing to watch this round
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    /** Kills every renderer of this browser now (a scenario that overran its time). */
    killAll() {
      for (const r of ownRenderers()) {
        try {
          process.kill(r.pid, 'SIGKILL');
          killed++;
        } catch {
          // already gone
        }
      }
    },
    stop() {
      clearInterval(timer);
      sample();
      return { peak, killed };
    },
  };
}

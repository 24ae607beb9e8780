// Runs every bench/*.bench.{ts,mjs} file in its own process and passes its JSON lines through.
// Each bench file prints one JSON object per line: {"name","unit","value","baseline"?,"ratio"?}.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const only = process.argv.slice(2);
const files = readdirSync('bench')
  .filter((f) => /\.bench\.(ts|mjs)$/.test(f))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const file of files) {
  const r = spawnSync('npx', ['tsx', `bench/${file}`], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    failed++;
    console.error(`bench/${file} exited with ${r.status}`);
  }
}
process.exit(failed ? 1 : 0);

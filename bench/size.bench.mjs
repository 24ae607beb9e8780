// Bundle sizes as bench JSON lines (gzip and brotli per import set; baseline = the product target).
import { spawnSync } from 'node:child_process';

const r = spawnSync(process.execPath, ['scripts/size.mjs', '--json'], { stdio: 'inherit' });
process.exit(r.status ?? 1);

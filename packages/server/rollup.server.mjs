// Build only the server (run from the repository root: `npx rollup -c packages/server/rollup.server.mjs`),
// reusing the root configuration, so the server can be rebuilt while other packages are mid-change.
import all from '../../rollup.config.mjs';

export default all.filter((c) => JSON.stringify(c.input).includes('packages/server/'));

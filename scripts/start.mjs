// `npm start`: bring the product up on its embedded defaults. Builds only what is missing or older
// than its sources (demo county, basemap tiles, web bundle), each step printing its progress,
// then runs the server in this process's place.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Newest modification time under the given paths (files or folders), ms. */
function newest(paths) {
  let max = 0;
  const visit = (p) => {
    const s = statSync(p);
    if (s.isDirectory()) for (const e of readdirSync(p)) visit(path.join(p, e));
    else max = Math.max(max, s.mtimeMs);
  };
  for (const p of paths) if (existsSync(p)) visit(p);
  return max;
}

const stale = (output, sources) => !existsSync(output) || statSync(output).mtimeMs < newest(sources);

const steps = [
  // The demo county is committed; it is generated only when missing (e.g. deleted by hand).
  { what: 'demo county (data/demo)', needed: () => !existsSync('data/demo/grids.geojson'), cmd: ['npm', 'run', 'data'] },
  // The tile builder keeps a fingerprint of its sources and rebuilds only when they changed.
  { what: 'offline basemap (tiles/build)', needed: () => true, cmd: ['npm', 'run', 'tiles', '--', '--if-stale'] },
  {
    what: 'web app (dist/web)',
    needed: () => stale('dist/web/index.html', ['web', 'server/wire', 'vite.config.ts', 'package-lock.json']),
    cmd: ['npm', 'run', 'build'],
  },
];

for (const step of steps) {
  if (!step.needed()) continue;
  console.log(`[start] ${step.what} …`);
  const r = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[start] ${step.what} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

const server = spawnSync('npx', ['tsx', 'server/index.ts'], { stdio: 'inherit' });
process.exit(server.status ?? 0);

// `npm start`: build whatever is missing (web bundle, demo county, basemap tiles), then run the
// server. Every step prints its progress; a step that already has its output is skipped.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const steps = [
  { what: 'demo county (data/demo)', done: 'data/demo/grids.geojson', cmd: ['npm', 'run', 'data'] },
  { what: 'web app (dist/web)', done: 'dist/web/index.html', cmd: ['npm', 'run', 'build'] },
];

for (const step of steps) {
  if (existsSync(step.done)) continue;
  console.log(`[start] building ${step.what} …`);
  const r = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[start] building ${step.what} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
}

const server = spawnSync('npx', ['tsx', 'server/index.ts'], { stdio: 'inherit' });
process.exit(server.status ?? 0);

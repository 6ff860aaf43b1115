// `npm run data`: generates the demo county and writes it to data/demo (or `--out <dir>`).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_SEED, generateCounty } from './county.ts';
import { writeCounty } from './write.ts';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(flag('--out') ?? path.join(here, '..', 'demo'));
const seed = flag('--seed') ?? DEMO_SEED;

const started = performance.now();
const elapsed = (): string => `${((performance.now() - started) / 1000).toFixed(1)} s`;
console.log(`[data] generating the demo county (seed "${seed}")`);
const county = generateCounty(seed, (stage, done, total) => {
  // Report each stage once when it completes, and long stages every quarter.
  if (done === total || done % Math.max(1, Math.ceil(total / 4)) === 0) console.log(`[data] ${stage} ${done}/${total}  (${elapsed()})`);
});
const sizes = await writeCounty(out, county);
let total = 0;
for (const [file, bytes] of sizes) {
  total += bytes;
  console.log(`[data] wrote ${path.join(path.relative(process.cwd(), out), file)}  ${(bytes / 1024).toFixed(0)} KiB`);
}
console.log(`[data] done: ${(total / 1024 / 1024).toFixed(2)} MiB in ${elapsed()}`);

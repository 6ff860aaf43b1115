// npm run bench: every benchmark against its baseline measured in the same run, printed and
// written to docs/benchmarks.md with the machine, Node version and date. `npm run bench -- arrow`
// runs only the suites whose name contains "arrow" and prints without writing the record;
// `-- --help` lists the suites, and a name that matches none fails (select.ts).
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { benchArrow } from './arrow.ts';
import { benchAssignment } from './assignment.ts';
import { fmt, type BenchResult } from './harness.ts';
import { benchIngest } from './ingest.ts';
import { selectSuites } from './select.ts';
import { benchWindows } from './windows.ts';

const suites: [string, () => BenchResult[] | Promise<BenchResult[]>][] = [
  ['grid assignment', benchAssignment],
  ['windowed counts', benchWindows],
  // Ingest before the Arrow suite: its server shares this process, and should not share a 1 M-row heap.
  ['durable ingest', benchIngest],
  ['arrow vs json', benchArrow],
  // Case commands before case fold, for the same reason: its server must not share the fold's 2 GiB heap.
  ['case commands', async () => (await import('./case-commands.ts')).benchCaseCommands()],
  ['case fold', async () => (await import('./case-fold.ts')).benchCaseFold()],
  ['dispatch', async () => (await import('./dispatch.ts')).benchDispatch()],
];
const selection = selectSuites(suites.map(([name]) => name), process.argv.slice(2));
if ('exit' in selection) {
  (selection.exit === 0 ? console.log : console.error)(selection.message);
  process.exit(selection.exit);
}
const only = selection.subset;

const started = performance.now();
const startLoad = os.loadavg().map((l) => l.toFixed(1)).join(' / ');
const results: BenchResult[] = [];
for (const [name, run] of suites) {
  if (!selection.run.includes(name)) continue;
  console.log(`▶ ${name}`);
  for (const r of await run()) {
    results.push(r);
    console.log(`  ${r.met ? '✔' : '✘'} ${r.name}: ${fmt.ratio(r.ratio)} (goal ${r.goal})`);
    for (const [k, v] of Object.entries(r.figures)) console.log(`      ${k}: ${v}`);
  }
}
const seconds = (performance.now() - started) / 1000;
console.log(`done in ${seconds.toFixed(0)} s`);

const tableRow = (r: BenchResult) => `| ${r.name} | ${rate(r.oursRate, r.unit)} | ${rate(r.baselineRate, r.unit)} | ${fmt.ratio(r.ratio)} | ${r.goal} | ${r.met ? 'yes' : 'no'} |`;
const section = (r: BenchResult) => [
  `## ${r.name}`,
  '',
  `- Ours: ${r.oursLabel}`,
  `- Baseline: ${r.baselineLabel}`,
  ...Object.entries(r.figures).map(([k, v]) => `- ${k}: ${v}`),
  ...(r.met || !r.bound ? [] : ['', `Goal not met in this run. ${r.bound}`]),
  '',
];
const loadNow = () => os.loadavg().map((l) => l.toFixed(1)).join(' / ');

if (only) {
  // The record of a subset, for adding to docs/benchmarks.md by hand in its own style.
  console.log(`\n(a subset was run: docs/benchmarks.md left as it was; its record, from ${new Date().toISOString()}, load ${startLoad} → ${loadNow()} on ${os.cpus().length} CPUs:)\n`);
  console.log([...results.map(tableRow), '', ...results.flatMap(section)].join('\n'));
  process.exit(0);
}
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const lines = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (`tsx bench/index.ts`). Each result is a ratio against a baseline measured',
  'in the same run — the machines are shared and noisy, so absolute times vary between runs; the best',
  'of several runs is reported for ours, except durable ingest and case commands, which report the median of',
  'their rounds (the wall-clock rate of HTTP + commits is what a county gets, not its luckiest round).',
  '',
  `- Date: ${new Date().toISOString()}`,
  `- Machine: ${cpu}, ${os.cpus().length} logical CPUs, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.platform()} ${os.release()}`,
  `- Node: ${process.version}`,
  `- Command: \`npm run bench\` (${seconds.toFixed(0)} s)`,
  `- Load average at the start of the run: ${startLoad}; at the end: ${loadNow()} (1 / 5 / 15 min) on ${os.cpus().length} CPUs — other work shared the machine`,
  '- Times are the smaller of wall-clock and process CPU time of the best run, so waiting for a CPU does not count;',
  '  the ratios compare ours and the baseline measured the same way in the same run.',
  '',
  '| benchmark | ours | baseline | ratio | goal | met |',
  '| --- | --- | --- | --- | --- | --- |',
  ...results.map(tableRow),
  '',
  ...results.flatMap(section),
];
writeFileSync('docs/benchmarks.md', lines.join('\n'));
console.log('wrote docs/benchmarks.md');

function rate(value: number, unit: string): string {
  return `${value >= 1e6 ? `${(value / 1e6).toFixed(2)} M` : value >= 1e3 ? `${(value / 1e3).toFixed(1)} k` : value.toFixed(1)} ${unit}`;
}

// Which benchmark suites `npm run bench -- <names>` runs: every suite whose name contains one of the
// words given (all of them with none), and a clear refusal for a name that matches no suite, so a
// typo never "succeeds" by running nothing.

/** The answer to the command line: the suites to run, or what to print and exit with. */
export type Selection = { run: string[]; subset: boolean } | { exit: number; message: string };

export const BENCH_USAGE = 'usage: npm run bench [-- <suite> …]   (a suite is chosen by any part of its name; none: all, and docs/benchmarks.md is rewritten)';

/** Picks the suites named by `args` among `names`. */
export function selectSuites(names: readonly string[], args: readonly string[]): Selection {
  const list = names.map((n) => `  ${n}`).join('\n');
  if (args.some((a) => a === '--help' || a === '-h')) return { exit: 0, message: `${BENCH_USAGE}\nsuites:\n${list}` };
  const words = args.map((a) => a.trim().toLowerCase()).filter((a) => a !== '');
  if (words.length === 0) return { run: [...names], subset: false };
  const unknown = words.filter((w) => !names.some((n) => n.toLowerCase().includes(w)));
  if (unknown.length > 0) return { exit: 2, message: `no benchmark suite matches ${unknown.map((w) => `"${w}"`).join(', ')}\n${BENCH_USAGE}\nsuites:\n${list}` };
  return { run: names.filter((n) => words.some((w) => n.toLowerCase().includes(w))), subset: true };
}

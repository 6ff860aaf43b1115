// Rewrites tiles/styles/{day,dark}.json from make-style.ts (run after changing a palette or layer).
import { writeFileSync } from 'node:fs';
import { STYLES_DIR } from '../paths.ts';
import { makeStyle } from './make-style.ts';
import { THEMES } from './palette.ts';

for (const theme of THEMES) {
  const path = `${STYLES_DIR}/${theme}.json`;
  writeFileSync(path, `${JSON.stringify(makeStyle(theme), null, 2)}\n`);
  console.log(`[styles] wrote ${path}`);
}

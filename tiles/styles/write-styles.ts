// Rewrites tiles/styles/{day,dark}[.openmaptiles].json from make-style[-omt].ts (run after changing a palette or layer).
import { writeFileSync } from 'node:fs';
import { STYLES_DIR } from '../paths.ts';
import { makeOmtStyle } from './make-style-omt.ts';
import { makeStyle } from './make-style.ts';
import { THEMES } from './palette.ts';

for (const theme of THEMES) {
  for (const [name, style] of [[theme, makeStyle(theme)], [`${theme}.openmaptiles`, makeOmtStyle(theme)]] as const) {
    const path = `${STYLES_DIR}/${name}.json`;
    writeFileSync(path, `${JSON.stringify(style, null, 2)}\n`);
    console.log(`[styles] wrote ${path}`);
  }
}

// How alike two short descriptions are, for 可能重复: the Dice coefficient of their character
// bigrams. Chinese has no spaces between words, so words cannot be split out without a dictionary,
// but two reports of the same event share most of their two-character runs (幸福小区, 门口, 打架).

/** The bigram multiset of a text: letters and digits only (punctuation and spaces dropped), lower-cased. */
function bigrams(text: string): Map<string, number> {
  const chars = [...text.toLowerCase()].filter((c) => /[\p{L}\p{N}]/u.test(c));
  const out = new Map<string, number>();
  if (chars.length === 1) out.set(chars[0] as string, 1); // one character: compare it as itself
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = (chars[i] as string) + (chars[i + 1] as string);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Dice similarity of the texts' character bigrams: 1 for the same text, 0 for nothing in common (or an empty text). */
export function textSimilarity(a: string, b: string): number {
  const x = bigrams(a), y = bigrams(b);
  let sizeX = 0, sizeY = 0, common = 0;
  for (const n of x.values()) sizeX += n;
  for (const [g, n] of y) {
    sizeY += n;
    common += Math.min(n, x.get(g) ?? 0);
  }
  return sizeX + sizeY === 0 ? 0 : (2 * common) / (sizeX + sizeY);
}

/** True when a description has something to compare (a letter or a digit). */
export function hasText(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

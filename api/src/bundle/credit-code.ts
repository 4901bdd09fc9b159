// 统一社会信用代码 (GB 32100-2015): 18 characters from the code set below (no I, O, Z, S, V); the last is a
// check character computed from the first 17 with weights 3^i mod 31.
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17[i]);
    if (v < 0) return undefined;
    sum += v * WEIGHTS[i];
  }
  return CHARSET[(31 - (sum % 31)) % 31];
}

/** each code-set character's value, by char code (-1: not in the code set) */
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < CHARSET.length; i++) VALUE[CHARSET.charCodeAt(i)] = i;

/** undefined when valid, else what is wrong, in words a clerk can act on */
export function creditCodeProblem(code: string): string | undefined {
  if (code.length !== 18) return `credit code "${code}" must have 18 characters, has ${code.length}`;
  // one pass over the characters, with no string made per character (a large import checks millions)
  let sum = 0;
  for (let i = 0; i < 18; i++) {
    const ch = code.charCodeAt(i);
    const v = ch < 128 ? VALUE[ch] : -1;
    if (v < 0) return `credit code "${code}" has the character "${String.fromCodePoint(code.codePointAt(i)!)}", which GB 32100-2015 does not use`;
    if (i < 17) sum += v * WEIGHTS[i];
  }
  const want = CHARSET[(31 - (sum % 31)) % 31];
  if (want !== code[17]) return `credit code "${code}" fails the GB 32100-2015 check digit (expected "${want}", found "${code[17]}")`;
  return undefined;
}

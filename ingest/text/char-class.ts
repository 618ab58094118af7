/** Membership of one UTF-16 code unit in a character class, each code unit tested once and remembered. */
export function codeUnitClass(re: RegExp): (code: number) => boolean {
  return codeUnitTest((ch) => re.test(ch));
}

/** A property of one UTF-16 code unit (as a one-unit string), computed once per code unit and remembered. */
function codeUnitTest(test: (ch: string) => boolean): (code: number) => boolean {
  const known = new Uint8Array(0x10000); // 0 = not yet seen, 1 = has it, 2 = not
  return (code) => {
    let k = known[code]!;
    if (k === 0) {
      k = test(String.fromCharCode(code)) ? 1 : 2;
      known[code] = k;
    }
    return k === 1;
  };
}

const isCapital = codeUnitClass(/\p{Lu}/u);
const keptByUpperCase = codeUnitTest((ch) => ch.toUpperCase() === ch);

/**
 * Written in capitals ("ỦY BAN NHÂN DÂN", "SỐ: 12/KH"): a capital letter and nothing that uppercasing changes, i.e.
 * /\p{Lu}/u.test(s) && s === s.toUpperCase(), code unit by code unit (uppercasing maps each character on its own)
 * without building the uppercase copy. Text with surrogates is compared whole.
 */
export function isUpperCaseText(s: string): boolean {
  let capital = false;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) return /\p{Lu}/u.test(s) && s === s.toUpperCase();
    if (!keptByUpperCase(code)) return false;
    capital ||= isCapital(code);
  }
  return capital;
}

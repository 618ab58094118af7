/** Membership of one UTF-16 code unit in a character class, each code unit tested once and remembered. */
export function codeUnitClass(re: RegExp): (code: number) => boolean {
  const known = new Uint8Array(0x10000); // 0 = not yet seen, 1 = in the class, 2 = not
  return (code) => {
    let k = known[code]!;
    if (k === 0) {
      k = re.test(String.fromCharCode(code)) ? 1 : 2;
      known[code] = k;
    }
    return k === 1;
  };
}

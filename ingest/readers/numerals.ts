/** Roman numerals as list labels print them (lowercase; "iv", "xii"), for HTML lists and Word's numbering. */
const ROMAN: [number, string][] = [
  [1000, 'm'],
  [900, 'cm'],
  [500, 'd'],
  [400, 'cd'],
  [100, 'c'],
  [90, 'xc'],
  [50, 'l'],
  [40, 'xl'],
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];

export function romanNumeral(n: number): string {
  let label = '';
  let rest = n;
  for (const [value, numeral] of ROMAN) for (; rest >= value; rest -= value) label += numeral;
  return label;
}

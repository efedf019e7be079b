/** Small wording helpers shared by every area's answers. */

/** "3 bugs", "1 bug". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

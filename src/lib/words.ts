/** "1 policy", "3 policies": a count with its noun; give the plural when adding "s" is wrong. */
export const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

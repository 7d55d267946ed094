/** "1 policy", "3 policies": a count with its noun; give the plural when adding "s" is wrong. */
export const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** "a daily", "an annual" ("A …" to start a sentence): chosen by first letter, which suits the words it is used with. */
export const withArticle = (word: string, sentenceStart = false) => {
  const article = /^[aeiou]/i.test(word) ? 'an' : 'a';
  return `${sentenceStart ? article.replace('a', 'A') : article} ${word}`;
};

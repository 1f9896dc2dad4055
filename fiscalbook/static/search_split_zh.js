/*
 * The Chinese edition's query splitter (fiscalbook.build.sphinx_search): a query is split as the
 * index was. Quotation marks that touch Chinese characters are removed (“三公”经费 is
 * 三公经费); the rest is split at whatever is not a letter or a digit, as Sphinx does; and a
 * run of Chinese characters that is no word of the index is cut into the longest words of the
 * index it holds (一般公共预算收入 → 一般公共预算, 收入), since a Chinese query has no spaces.
 */
var splitQuery = (query) => {
  const index = typeof Search !== "undefined" ? Search._index : null;
  const known = (word) =>
    index !== null && (Object.hasOwn(index.terms, word) || Object.hasOwn(index.titleterms, word));
  const longestWords = (run) => {
    const words = [];
    let start = 0;
    while (start < run.length) {
      let end = run.length;
      while (end > start + 1 && !known(run.slice(start, end))) end--;
      if (end > start + 1) words.push(run.slice(start, end));
      start = end > start + 1 ? end : start + 1;  // a character in no word is skipped
    }
    return words.length > 0 ? words : [run];
  };
  return query
    .replace(/(?<=\p{Script=Han})[“”"‘’「」『』]+|[“”"‘’「」『』]+(?=\p{Script=Han})/gu, "")
    .split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)
    .flatMap((token) => token.split(/(\p{Script=Han}+)/u))
    .filter((token) => token)
    .flatMap((token) => (/\p{Script=Han}/u.test(token) && !known(token) ? longestWords(token) : [token]));
};

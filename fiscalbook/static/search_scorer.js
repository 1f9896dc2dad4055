/*
 * Search ranking of the book (fiscalbook.sphinx_search): Sphinx 7.4's Scorer with two changes.
 * 1. Sphinx scores an index entry up to 100, far above a page title (15), so every glossary
 *    line (an entry of the glossary: anchor #term-…) outranked the chapter on its subject. A
 *    glossary line keeps a tenth of its score: above a page that only mentions the words
 *    (term: 5), under a page with them in a heading (title: 15).
 * 2. A page whose headings hold every word of the query gains `headings` more: the chapter on
 *    a subject before the pages that mention it (debt ceiling: "Government debt" and "Ceiling,
 *    outstanding debt and headroom"; 债务限额: 政府债务 and 限额、余额与空间).
 */
var Scorer = {
  // Sphinx's defaults (searchtools.js)
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
  // the book's
  glossaryShare: 0.1,
  headings: 15,

  score: (result) => {
    const [docname, _title, anchor, _descr, score] = result;
    if (anchor.startsWith("#term-")) return Math.round(score * Scorer.glossaryShare);
    return Scorer.queryInHeadings(docname) ? score + Scorer.headings : score;
  },

  // Whether every word of the query (as searchtools.js splits and stems it) is a word of the
  // page's headings, or, for Chinese, a run of words of its headings (债务限额 = 债务 + 限额).
  queryInHeadings: (docname) => {
    const index = Search._index;
    const doc = index.docnames.indexOf(docname);
    const inHeadings = (word) =>
      Object.hasOwn(index.titleterms, word) && [].concat(index.titleterms[word]).includes(doc);
    const covered = (word) => {
      if (inHeadings(word)) return true;
      if (!/\p{Script=Han}/u.test(word)) return false;
      for (let cut = 2; cut <= word.length - 2; cut++)
        if (inHeadings(word.slice(0, cut)) && covered(word.slice(cut))) return true;
      return false;
    };
    const query = new URLSearchParams(window.location.search).get("q") || "";
    const stemmer = new Stemmer();
    const words = splitQuery(query.toLowerCase().trim())
      .filter((word) => !stopwords.includes(word) && !/^\d+$/.test(word))
      .map((word) => stemmer.stemWord(word));
    return words.length > 0 && words.every(covered);
  },
};

/*
 * Search ranking of the book (fiscalbook.build.sphinx_search): Sphinx 7.4's Scorer with three changes.
 * 1. Sphinx scores an index entry up to 100, far above a page title (15), so every glossary
 *    line (an entry of the glossary: anchor #term-…) outranked the chapter on its subject. A
 *    glossary line keeps a tenth of its score: above a page that only mentions the words
 *    (term: 5), under a page with them in a heading (title: 15).
 * 2. A page whose headings hold every word of the query gains `headings` more: the chapter on
 *    a subject before the pages that mention it (debt ceiling: "Government debt" and "Ceiling,
 *    outstanding debt and headroom"; 债务限额: 政府债务 and 限额、余额与空间).
 * 3. A page whose own title holds every word gains `pageTitle` more ("Transfer payments"
 *    before "The year at a glance", whose sections also speak of transfers).
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
  pageTitle: 5,

  score: (result) => {
    const [docname, _title, anchor, _descr, score] = result;
    if (anchor.startsWith("#term-")) return Math.round(score * Scorer.glossaryShare);
    const words = Scorer.queryWords();
    if (words.length === 0) return score;
    const doc = Search._index.docnames.indexOf(docname);
    return score
      + (words.every((word) => Scorer.inHeadings(word, doc)) ? Scorer.headings : 0)
      + (words.every((word) => Scorer.inPageTitle(word, doc)) ? Scorer.pageTitle : 0);
  },

  // The words of the query as searchtools.js splits and stems them.
  queryWords: () => {
    const query = new URLSearchParams(window.location.search).get("q") || "";
    const stemmer = new Stemmer();
    return splitQuery(query.toLowerCase().trim())
      .filter((word) => !stopwords.includes(word) && !/^\d+$/.test(word))
      .map((word) => stemmer.stemWord(word));
  },

  // A word of the page's headings, or, for Chinese, a run of them (债务限额 = 债务 + 限额).
  inHeadings: (word, doc) => {
    const terms = Search._index.titleterms;
    if (Object.hasOwn(terms, word) && [].concat(terms[word]).includes(doc)) return true;
    if (!/\p{Script=Han}/u.test(word)) return false;
    for (let cut = 2; cut <= word.length - 2; cut++)
      if (Scorer.inHeadings(word.slice(0, cut), doc) && Scorer.inHeadings(word.slice(cut), doc)) return true;
    return false;
  },

  // In the page's own title, quotation marks aside (“三公”经费 holds 三公经费).
  inPageTitle: (word, doc) =>
    Search._index.titles[doc].toLowerCase().replace(/[“”"‘’「」『』]/g, "").includes(word),
};

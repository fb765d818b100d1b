/*
 * Search worker for a French site: Material's own worker, plus what French readers expect.
 *
 * overrides/main.html (block config) points Material at this file instead of its
 * worker, named in ?material=. This file imports that worker unchanged, then
 * changes how its lunr index is built and queried:
 * - each indexed word with accents is indexed a second time without them, at the
 *   same position: « sante » finds « santé » and the preview highlights « santé »,
 *   « coeur » finds « cœur »;
 *   a word reached through both forms (« sant » matches both) is highlighted once;
 * - a query word is searched as typed and without its accents, as the start of a
 *   word (Material's behaviour), and, from 5 letters on, with one typing mistake
 *   allowed (« santee », « senté » find « santé »);
 * - French stop words in the query (« de », « la », « les », « à »…) are ignored:
 *   they are not in the index, and as the start of a word « de » would match
 *   « dès » and « démarches »;
 * - pages are ranked first by how many of the query's words they contain, then by
 *   lunr's score: « Fond de Sains santé » lists the pages with all three words first.
 * Material's in-page highlighting (?h=) gets the words that were found.
 * The folded forms exist only in the browser, never in the index files.
 *
 * It also loads the index on the first search, not on every page view: the
 * build leaves in search/search_index.json only the configuration, naming the
 * full index in config.index_complet (macros/rendering/search_index.py). Material hands
 * that stub over at start-up and this file answers for its worker until the
 * first query that is not blank: then it loads Material's worker (not before:
 * a page view that never searches downloads none of it), fetches the full index,
 * sets up Material's worker with it, and lets that worker answer from then on.
 *
 * It lives one level under assets/javascripts/ like Material's worker, because
 * that worker loads the French support from "../lunr/", relative to this file.
 */
(() => {
  const name = new URL(self.location.href).searchParams.get("material") || ""

  // Only Material's worker file next door, never a script named by someone else.
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(name))
    throw new Error(`Recherche : worker de Material inattendu (« ${name} »)`)

  // Material's worker talks through the global addEventListener/postMessage:
  // keep its message listener to call it ourselves, and its replies to route them.
  const post = self.postMessage.bind(self)
  const listen = self.addEventListener.bind(self)
  let material = null
  self.addEventListener = (type, listener, ...options) =>
    type === "message" && !material ? (material = listener) : listen(type, listener, ...options)
  let reply = post
  self.postMessage = message => reply(message)

  // Material's worker and its lunr are loaded on the first real query: a page view that never
  // searches downloads neither (a dozen kilobytes of every first view, on a phone too).
  let lunr = null
  const startMaterial = () => {
    if (material)
      return
    importScripts(`../workers/${name}`)
    if (!material)
      throw new Error("Recherche : le worker de Material n'écoute plus les messages")
    lunr = self.lunr  // Material's worker exposes it for lunr-languages; the same object builds the index
    patchLunr()
  }

  // Message types of Material's worker protocol.
  const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3

  // One message to Material's worker, its reply returned instead of posted.
  const ask = data => new Promise(resolve => {
    startMaterial()
    reply = message => { reply = post; resolve(message) }
    material({ data })
  })

  // The full index lives next to the stub; this file sits three levels below the site root.
  // The page's set-up message also carries its options (suggestions): keep them, add the docs.
  let lazySetup = null
  const loadFullIndex = async () => {
    const name = lazySetup.config.index_complet
    const response = await fetch(new URL(`../../../search/${name}`, self.location.href))
    if (!response.ok)
      throw new Error(`Recherche : index introuvable (${response.status})`)
    const { docs } = await response.json()
    await ask({ type: SETUP, data: { ...lazySetup, docs } })
    lazySetup = null
  }

  // Until the first real query, answer for Material's worker: it would load lunr's French
  // support for an empty index, then again for the full one.
  const handle = async data => {
    if (data.type === SETUP && data.data.config && data.data.config.lang)
      languages = data.data.config.lang
    if (data.type === SETUP && data.data.config && data.data.config.index_complet) {
      lazySetup = data.data
      return { type: READY }
    }
    if (data.type === QUERY && lazySetup) {
      if (!String(data.data).trim())
        return { type: RESULT, data: { items: [] } }
      try {
        await loadFullIndex()
      } catch (error) {
        console.warn(error)
        return { type: RESULT, data: { items: [] } }
      }
    }
    const answer = await ask(data)
    if (data.type === QUERY && answer.type === RESULT)
      markFoundWords(answer.data.items)
    return answer
  }

  // One message at a time, in order: a query typed during the download waits for it.
  let queue = Promise.resolve()
  listen("message", event => {
    // a failure answers nothing but must not stop the messages after it
    queue = queue.then(() => handle(event.data)).then(post, console.warn)
  })

  // The index's languages (config.lang), whose stop words the query drops.
  let languages = ["fr"]

  // é → e, ç → c, î → i ; œ and æ are letters of their own for Unicode.
  const fold = word => word
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")

  // Pipeline step (after the stop word filter): keep the word, add its folded form
  // sharing the word's metadata, so both point at the same place in the text.
  const addFoldedForm = token => {
    const word = token.toString()
    const folded = fold(word)
    return folded === word ? token : [token, token.clone(() => folded)]
  }

  // Material configures the pipeline inside lunr(...), then adds the documents:
  // the step joins the pipeline just before the first document goes in.
  const addWithFolding = add => function (doc, attributes) {
    if (!this.foldsAccents) {
      this.pipeline.add(addFoldedForm)
      this.foldsAccents = true
    }
    return add.call(this, doc, attributes)
  }

  // Material wraps every matched position in <mark>: the same position twice
  // (through « santé » and « sante ») would nest two marks and break the preview.
  // lunr may hand out the index's own posting here: replace it, never change it.
  const dropRepeatedPositions = metadata => {
    const seen = new Set()
    for (const term of Object.keys(metadata))
      for (const [field, data] of Object.entries(metadata[term]))
        if (Array.isArray(data.position))
          metadata[term][field] = {
            ...data,
            position: data.position.filter(position => {
              const key = `${field}:${position}`
              return !seen.has(key) && seen.add(key)
            }),
          }
  }

  const queryWithoutRepeats = query => function (fn) {
    const results = query.call(this, fn)
    for (const { matchData } of results)
      dropRepeatedPositions(matchData.metadata)
    return results
  }

  // A query word with a stop word filter of the index's languages: « de », « la », « à »…
  // The index never holds them (Material's pipeline drops them), so as the start of a word
  // they would only find unrelated words (« de » → « dès », « démarches »).
  const isStopWord = word => languages.some(language => {
    const filter = language === "en" ? lunr.stopWordFilter : (lunr[language] || {}).stopWordFilter
    return typeof filter === "function" && !filter(word)
  })

  // One typing mistake (a letter missing, added, changed or two swapped) from this length on:
  // shorter words have too many neighbours (« sain » → « main », « pain »).
  const TYPO_MIN_LETTERS = 5

  // One query word: as typed and without accents, as the start of a word; with a typo if long enough.
  const addWord = (builder, word, typos) => {
    for (const form of new Set([word, fold(word)]))
      builder.term(form, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING })
    if (typos && [...word].length >= TYPO_MIN_LETTERS)
      builder.term(fold(word), { usePipeline: false, editDistance: 1 })
  }

  // Found as typed (the start of an indexed word), not only through a typo.
  const foundAsTyped = (word, terms) => {
    const folded = fold(word)
    return terms.some(term => term.startsWith(word) || term.startsWith(folded))
  }

  // Ranking: a page with more of the query's words comes first, and among those one where
  // they are found as typed (not through a typo); lunr's score orders the rest. Material multiplies scores by 5 at
  // most afterwards (pages over sections): one more word multiplies by RANK_STEP ** 2, and one
  // more word spelt right by RANK_STEP, more than Material's boost times our (1 + score) factor.
  const RANK_STEP = 16
  const MAX_WORDS = 20  // RANK_STEP ** (3 × 20) is still a finite number

  // The words of the last query and, per page, the index terms each word found there.
  let lastSearch = { words: [], found: new Map() }

  // Material calls index.search with its query string: words with « * » appended, « + »
  // for words in quotes, « - » for words to exclude.
  const search = function (queryString) {
    const parsed = new lunr.Query(this.fields)
    new lunr.QueryParser(queryString, parsed).parse()
    const words = [], required = new Set(), excluded = []
    for (const clause of parsed.clauses) {
      const word = clause.term.replace(/^\*+|\*+$/g, "")
      if (!word || isStopWord(word))
        continue
      if (clause.presence === lunr.Query.presence.PROHIBITED) {
        excluded.push(word)
        continue
      }
      if (clause.presence === lunr.Query.presence.REQUIRED)
        required.add(word)
      if (!words.includes(word) && words.length < MAX_WORDS)
        words.push(word)
    }

    const found = new Map()
    for (const word of words)
      for (const { ref, score, matchData } of this.query(builder => addWord(builder, word, true))) {
        if (!found.has(ref))
          found.set(ref, { ref, score: 0, matchData: new lunr.MatchData(), words: new Map() })
        const doc = found.get(ref)
        doc.score += score
        doc.matchData.combine(matchData)
        doc.words.set(word, Object.keys(matchData.metadata))
      }
    for (const word of excluded)
      for (const { ref } of this.query(builder => addWord(builder, word, false)))
        found.delete(ref)

    // Words count for the whole page: its title, text and sections (Material lists a page's
    // sections under it). « Fond de Sains » in a quartier's title and « santé » in one of its
    // sections make the quartier's page one with all the words.
    const pages = new Map()
    for (const doc of found.values()) {
      const path = doc.ref.split("#")[0]
      if (!pages.has(path))
        pages.set(path, new Map())
      for (const [word, terms] of doc.words)
        pages.get(path).set(word, [...pages.get(path).get(word) || [], ...terms])
    }
    const pageOf = doc => pages.get(doc.ref.split("#")[0])
    // words in quotes (« + » for Material) must be in the page, as the others are counted
    for (const [ref, doc] of found)
      if ([...required].some(word => !pageOf(doc).has(word)))
        found.delete(ref)
    lastSearch = { words, found }
    const level = words => 2 * words.size + [...words].filter(([word, terms]) => foundAsTyped(word, terms)).length

    const best = [...found.values()].reduce((max, doc) => Math.max(max, doc.score), 0)
    return [...found.values()]
      .map(doc => {
        dropRepeatedPositions(doc.matchData.metadata)
        const rank = RANK_STEP ** level(pageOf(doc)) * (1 + doc.score / (best + 1))
        return { ref: doc.ref, score: rank, matchData: doc.matchData }
      })
      .sort((a, b) => b.score - a.score)
  }

  const patchLunr = () => {
    lunr.Pipeline.registerFunction(addFoldedForm, "addFoldedForm")
    lunr.Builder.prototype.add = addWithFolding(lunr.Builder.prototype.add)
    lunr.Index.prototype.query = queryWithoutRepeats(lunr.Index.prototype.query)
    lunr.Index.prototype.search = search
  }

  // What Material shows as found or missing (« Manquant : … ») and puts in ?h= for the
  // page to highlight: each query word, or for a word found only through a typo, the
  // word found (its accented form if any), so the page highlights « santé » for « santee ».
  const markFoundWords = groups => {
    for (const item of groups.flat()) {
      const page = lastSearch.found.get(item.location)
      if (!page)
        continue
      item.terms = {}
      for (const word of lastSearch.words) {
        const terms = page.words.get(word)
        if (!terms)
          item.terms[word] = false
        else if (foundAsTyped(word, terms))
          item.terms[word] = true
        else
          item.terms[terms.find(term => term !== fold(term)) || terms[0]] = true
      }
    }
  }
})()

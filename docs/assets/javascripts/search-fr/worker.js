/*
 * Search worker for a French site: Material's own worker, plus accent folding.
 *
 * overrides/main.html (block config) points Material at this file instead of its
 * worker, named in ?material=. This file imports that worker unchanged, then
 * adds one step to the lunr index it builds:
 * - each indexed word with accents is indexed a second time without them, at the
 *   same position: « sante » finds « santé » and the preview highlights « santé »,
 *   « coeur » finds « cœur »;
 * - a word reached through both forms (« sant » matches both) is highlighted once.
 * Queries are searched as typed, so accented queries behave as before and
 * Material's in-page highlighting (?h=) keeps working for them.
 * The folded forms exist only in the browser, never in the index files.
 *
 * It also loads the index on the first search, not on every page view: the
 * build leaves in search/search_index.json only the configuration, naming the
 * full index in config.index_complet (macros/search_index.py). Material hands
 * that stub over at start-up and this file answers for its worker until the
 * first query that is not blank: then it fetches the full index, sets up
 * Material's worker with it, and lets that worker answer from then on.
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

  importScripts(`../workers/${name}`)
  if (!material)
    throw new Error("Recherche : le worker de Material n'écoute plus les messages")

  // Message types of Material's worker protocol.
  const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3

  // One message to Material's worker, its reply returned instead of posted.
  const ask = data => new Promise(resolve => {
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
    return ask(data)
  }

  // One message at a time, in order: a query typed during the download waits for it.
  let queue = Promise.resolve()
  listen("message", event => {
    // a failure answers nothing but must not stop the messages after it
    queue = queue.then(() => handle(event.data)).then(post, console.warn)
  })

  // Material's worker exposes its lunr for lunr-languages; the same object builds the index.
  const lunr = self.lunr

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
  lunr.Pipeline.registerFunction(addFoldedForm, "addFoldedForm")

  // Material configures the pipeline inside lunr(...), then adds the documents:
  // the step joins the pipeline just before the first document goes in.
  const add = lunr.Builder.prototype.add
  lunr.Builder.prototype.add = function (doc, attributes) {
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

  const query = lunr.Index.prototype.query
  lunr.Index.prototype.query = function (fn) {
    const results = query.call(this, fn)
    for (const { matchData } of results)
      dropRepeatedPositions(matchData.metadata)
    return results
  }
})()

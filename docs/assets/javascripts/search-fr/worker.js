/*
 * Search worker for a French site: Material's own worker, plus accent folding.
 *
 * overrides/main.html (block config) points Material at this file instead of its
 * worker, named in ?material=. This file imports that worker unchanged, then
 * adds one step to the lunr index it builds:
 * - each indexed word with accents is indexed a second time without them, at the
 *   same position: « sante » finds « santé » and the preview highlights « santé »,
 *   « noeux » finds « Nœux »;
 * - a word reached through both forms (« sant » matches both) is highlighted once.
 * Queries are searched as typed, so accented queries behave as before and
 * Material's in-page highlighting (?h=) keeps working for them.
 * search_index.json is not touched: the folded forms exist only in the browser.
 *
 * It lives one level under assets/javascripts/ like Material's worker, because
 * that worker loads the French support from "../lunr/", relative to this file.
 */
(() => {
  const name = new URL(self.location.href).searchParams.get("material") || ""

  // Only Material's worker file next door, never a script named by someone else.
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(name))
    throw new Error(`Recherche : worker de Material inattendu (« ${name} »)`)
  importScripts(`../workers/${name}`)

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

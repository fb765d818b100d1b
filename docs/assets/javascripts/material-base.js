/* Material for MkDocs' base helpers (partials/javascripts/base.html), in a file rather than
   inline so that the Content-Security-Policy can forbid inline scripts. Same code; the scope
   comes from the script element's data-md-scope attribute. */
(function (script) {
  window.__md_scope = new URL(script.getAttribute("data-md-scope") || ".", location);
  window.__md_hash = function (value) {
    return [].reduce.call(value, function (hash, c) { return (hash << 5) - hash + c.charCodeAt(0); }, 0);
  };
  window.__md_get = function (key, storage, scope) {
    storage = storage || localStorage; scope = scope || __md_scope;
    return JSON.parse(storage.getItem(scope.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, scope) {
    storage = storage || localStorage; scope = scope || __md_scope;
    try { storage.setItem(scope.pathname + "." + key, JSON.stringify(value)); } catch (e) { /* private mode */ }
  };
})(document.currentScript);

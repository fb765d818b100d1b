/* Éditeur de formulaires (admin/, Decap CMS) : les identifiants que personne ne tape.
   À l'enregistrement, chaque action (fichier d'un quartier) et chaque enjeu, orientation ou objectif
   (référentiel) qui n'a pas encore d'identifiant en reçoit un, tiré de son texte, unique ; un
   identifiant déjà écrit n'est jamais changé, même si le texte change : il fait partie des adresses
   publiques. Jamais un identifiant déjà pris : ni une autre action du site, ni un identifiant
   qu'une adresse publiée nomme (le lien d'un partenaire mènerait ailleurs) ; la liste vient de
   identifiants.json, écrit à chaque construction à côté de cette page. Même calcul et mêmes
   identifiants pris que macros/domain/identifiers.py et « make formater » : tests/test_edition_browser.py
   compare les deux sur tests/fixtures/identifiants.json. Pas de script en ligne (politique de sécurité). */
(function () {
  "use strict";

  var STOP_WORDS = [
    "le", "la", "les", "l", "d", "de", "des", "du", "un", "une", "et", "ou", "en", "au", "aux", "a", "pour", "par",
    "dans", "sur", "avec", "leur", "leurs", "son", "sa", "ses", "ce", "cet", "cette", "ces", "qui", "que", "qu",
    "afin", "plus", "tres", "notamment", "ainsi", "tout", "tous", "toute", "toutes", "etc"
  ];
  var MAX_WORDS = 5;
  var MAX_LENGTH = 50;

  function slug(text) {
    var ascii = String(text).replace(/œ/g, "oe").replace(/Œ/g, "Oe").normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
    return ascii.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  function newIdentifier(text, taken, fallback) {
    var words = slug(text).split("-").filter(function (word) { return word && STOP_WORDS.indexOf(word) < 0; });
    words = words.slice(0, MAX_WORDS);
    while (words.length > 1 && words.join("-").length > MAX_LENGTH) words.pop();
    var base = words.join("-").slice(0, MAX_LENGTH) || fallback || "action";
    var candidate = base;
    for (var n = 2; taken.has(candidate); n++) candidate = base + "-" + n;
    return candidate;
  }

  var known = { actions: [], referentiel: [] };
  var loaded = fetch("identifiants.json", { credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.json() : known; })
    .then(function (data) { known = data; })
    .catch(function () { /* still unique within the file saved; make formater checks the rest */ });

  function fillIds(list, textKey, taken, fallback, children) {
    // list: an Immutable List of Maps (Decap's entry data)
    if (!list || !list.map) return list;
    return list.map(function (item) {
      if (!item || !item.get) return item;
      var id = item.get("id");
      if (!id) {
        id = newIdentifier(item.get(textKey) || "", taken, fallback);
        taken.add(id);
        item = item.set("id", id);
      }
      return children ? children(item) : item;
    });
  }

  function collectIds(list, into, childKeys) {
    if (!list || !list.forEach) return;
    list.forEach(function (item) {
      if (!item || !item.get) return;
      if (item.get("id")) into.add(item.get("id"));
      (childKeys || []).forEach(function (key) { collectIds(item.get(key), into, childKeys); });
    });
  }

  function withIds(data) {
    if (data.get("objectifs") && data.get("communes")) {
      // a quartier: its actions, unique in the whole site and its published addresses
      var taken = new Set(known.actions);
      data.get("objectifs").forEach(function (objectif) { collectIds(objectif && objectif.get && objectif.get("actions"), taken); });
      return data.set("objectifs", data.get("objectifs").map(function (objectif) {
        if (!objectif || !objectif.get) return objectif;
        return objectif.set("actions", fillIds(objectif.get("actions"), "texte", taken, "action"));
      }));
    }
    if (data.get("enjeux")) {
      // the référentiel: enjeux, orientations and objectifs, unique in it
      var ids = new Set(known.referentiel);
      collectIds(data.get("enjeux"), ids, ["orientations", "objectifs"]);
      return data.set("enjeux", fillIds(data.get("enjeux"), "titre", ids, "enjeu", function (enjeu) {
        return enjeu.set("orientations", fillIds(enjeu.get("orientations"), "titre", ids, "orientation", function (orientation) {
          return orientation.set("objectifs", fillIds(orientation.get("objectifs"), "titre", ids, "objectif"));
        }));
      }));
    }
    return data;
  }

  /* Decap's list items have icon buttons with no name, and English words for screen readers: each
     gets a French name as soon as it is drawn (RGAA 11.9, 7.1). */
  var NAMES = [
    ['[class*="ListItemTopBar"] > button:first-child:not([aria-label])', "Déplier ou replier cet élément"],
    ['[class*="ListItemTopBar"] > button:last-child:not([aria-label])', "Supprimer cet élément"],
    ['[aria-roledescription="sortable"]:not([aria-label])', "Déplacer cet élément (glisser-déposer)"],
    ['button[aria-label="Expand"]', "Déplier ou replier la liste"],
    ['[data-slate-editor]:not([aria-label])', "Texte de la page (Markdown)"]
  ];

  function nameButtons() {
    // a drawing surface some of Decap's widgets add to the page to measure text: nothing to read
    document.querySelectorAll("body > canvas:not([aria-hidden])").forEach(function (canvas) {
      canvas.setAttribute("aria-hidden", "true");
    });
    NAMES.forEach(function (rule) {
      document.querySelectorAll(rule[0]).forEach(function (element) {
        if (element.textContent.trim() && element.getAttribute("aria-label") !== "Expand") return; // it has its own words
        element.setAttribute("aria-label", rule[1]);
        if (element.getAttribute("aria-roledescription") === "sortable") element.setAttribute("aria-roledescription", "déplaçable");
      });
    });
  }

  var pending = false;
  new MutationObserver(function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; nameButtons(); });
  }).observe(document.documentElement, { childList: true, subtree: true });

  window.conventionEdition = { newIdentifier: newIdentifier, slug: slug, loaded: loaded };

  if (window.CMS) {
    window.CMS.registerEventListener({
      name: "preSave",
      handler: function (event) {
        return loaded.then(function () { return withIds(event.entry.get("data")); });
      }
    });
  }
})();

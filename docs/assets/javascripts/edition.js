/* Éditeur de formulaires (admin/, Decap CMS) : les identifiants que personne ne tape.
   À l'enregistrement, chaque action (fichier d'un quartier) et chaque enjeu, orientation ou objectif
   (référentiel) qui n'a pas encore d'identifiant en reçoit un, tiré de son texte, unique ; un
   identifiant déjà écrit n'est jamais changé, même si le texte change : il fait partie des adresses
   publiques. Unique là où le contenu l'exige (make check) : parmi les actions du quartier, parmi
   les identifiants du référentiel ; tous deux tiennent dans le fichier enregistré. Même calcul que
   macros/domain/identifiers.py (« make formater ») : tests/test_edition_browser.py compare les deux
   sur tests/fixtures/identifiants.json. Pas de script en ligne (politique de sécurité du site). */
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
    return ascii.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "x";
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
      // a quartier: its actions, unique in the quartier
      var taken = new Set();
      data.get("objectifs").forEach(function (objectif) { collectIds(objectif && objectif.get && objectif.get("actions"), taken); });
      return data.set("objectifs", data.get("objectifs").map(function (objectif) {
        if (!objectif || !objectif.get) return objectif;
        return objectif.set("actions", fillIds(objectif.get("actions"), "texte", taken, "action"));
      }));
    }
    if (data.get("enjeux")) {
      // the référentiel: enjeux, orientations and objectifs, unique in it
      var ids = new Set();
      collectIds(data.get("enjeux"), ids, ["orientations", "objectifs"]);
      return data.set("enjeux", fillIds(data.get("enjeux"), "titre", ids, "enjeu", function (enjeu) {
        return enjeu.set("orientations", fillIds(enjeu.get("orientations"), "titre", ids, "orientation", function (orientation) {
          return orientation.set("objectifs", fillIds(orientation.get("objectifs"), "titre", ids, "objectif"));
        }));
      }));
    }
    return data;
  }

  window.conventionEdition = { newIdentifier: newIdentifier, slug: slug };

  if (window.CMS) {
    window.CMS.registerEventListener({
      name: "preSave",
      handler: function (event) {
        return withIds(event.entry.get("data"));
      }
    });
  }
})();

/* Lecture sur téléphone et liens profonds (assets/css/lecture.css).
   - Chaque action (élément .cdv-action avec un id) reçoit, au bout de son texte, un petit bouton
     « Copier le lien de cette action » qui copie son adresse stable (adresse absolue de la page
     + #ancre) ; la confirmation est affichée à côté et annoncée aux lecteurs d'écran (aria-live).
   - Un tableau plus large que l'écran défile horizontalement dans une zone nommée, atteignable
     au clavier, signalée par une consigne visible « faites défiler ».
   - Arriver sur une ancre située dans un bloc <details> fermé ouvre ce bloc ; imprimer les ouvre tous.
   Pas de script en ligne (politique de sécurité du contenu) : tout est dans ce fichier. */
(function () {
  "use strict";

  var ANNOUNCER_ID = "cdv-annonce";

  function announcer() {
    var zone = document.getElementById(ANNOUNCER_ID);
    if (!zone) {
      zone = document.createElement("div");
      zone.id = ANNOUNCER_ID;
      zone.className = "cdv-lecteur";
      zone.setAttribute("aria-live", "polite");
      zone.setAttribute("role", "status");
      document.body.appendChild(zone);
    }
    return zone;
  }

  function announce(text) {
    var zone = announcer();
    zone.textContent = "";
    // a new text node after a tick is announced again even when the words are the same
    window.setTimeout(function () { zone.textContent = text; }, 50);
  }

  function addressOf(id) {
    return location.href.split("#")[0] + "#" + encodeURIComponent(id);
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.className = "cdv-lecteur";
      document.body.appendChild(field);
      field.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (error) { done = false; }
      document.body.removeChild(field);
      if (done) resolve(); else reject(new Error("copie refusée"));
    });
  }

  var LABEL = "Copier le lien de cette action";

  function onCopy(button, id) {
    var address = addressOf(id);
    var label = button.querySelector(".cdv-lien__texte");
    button.classList.add("cdv-lien--fait");
    copyText(address).then(function () {
      label.textContent = "Lien copié";
      announce("Lien de l'action copié\u00a0: " + address);
    }, function () {
      // copy refused (old browser, permission): the address goes to the address bar instead
      history.replaceState(history.state, "", "#" + encodeURIComponent(id));
      label.textContent = "Lien dans la barre d'adresse";
      announce("Copie impossible\u00a0: l'adresse de l'action est dans la barre d'adresse.");
    });
    window.clearTimeout(button.cdvTimer);
    button.cdvTimer = window.setTimeout(function () {
      label.textContent = LABEL;
      button.classList.remove("cdv-lien--fait");
    }, 4000);
  }

  // What follows an action's own text in its item: provenance, status, latest update, indicators.
  var AFTER_TEXT = ":scope > .cdv-provenance, :scope > .cdv-texte-signe, :scope > .cdv-statut, :scope > .cdv-suivi, :scope > .cdv-indicateur";
  var SVG = "http://www.w3.org/2000/svg";

  function linkIcon() {
    // two chain links (Material Design « link » icon), drawn, not a font: decorative
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "cdv-lien__icone");
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("d", "M3.9 12c0-1.71 1.39-3.1 3.1-3.1h4V7H7c-2.76 0-5 2.24-5 5s2.24 5 5 5h4v-1.9H7c-1.71 0-3.1-1.39-3.1-3.1zM8 13h8v-2H8v2zm9-6h-4v1.9h4c1.71 0 3.1 1.39 3.1 3.1s-1.39 3.1-3.1 3.1h-4V17h4c2.76 0 5-2.24 5-5s-2.24-5-5-5z");
    svg.appendChild(path);
    return svg;
  }

  /* One small button at the end of each action's text, on its line: not a line of its own. */
  function addLinkButtons(root) {
    root.querySelectorAll(".cdv-action[id]").forEach(function (action) {
      if (action.querySelector(":scope > .cdv-lien")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "cdv-lien";
      button.setAttribute("data-search-exclude", "");
      button.setAttribute("aria-label", LABEL);
      button.title = LABEL;
      button.appendChild(linkIcon());
      var text = document.createElement("span");
      text.className = "cdv-lien__texte";
      text.setAttribute("aria-hidden", "true");  // the name is aria-label; the change is announced
      text.textContent = LABEL;
      button.appendChild(text);
      button.addEventListener("click", function () { onCopy(button, action.id); });
      var after = action.querySelector(AFTER_TEXT);
      action.insertBefore(document.createTextNode(" "), after);
      action.insertBefore(button, after);
    });
  }

  /* Horizontal scrolling of wide tables: our wrappers and Material's own. */
  var SCROLLERS = ".cdv-defilement, .md-typeset__scrollwrap";

  function markScrollers(root) {
    root.querySelectorAll(SCROLLERS).forEach(function (box) {
      if (box.querySelector(SCROLLERS)) return; // the inner one scrolls
      var caption = box.querySelector("caption");
      if (!box.hasAttribute("role")) box.setAttribute("role", "region");
      if (!box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby")) {
        box.setAttribute("aria-label", caption ? caption.textContent.trim() : "Tableau");
      }
      var wide = box.scrollWidth > box.clientWidth + 1;
      box.classList.toggle("cdv-defile", wide);
      if (wide) box.setAttribute("tabindex", "0");
      else if (!box.classList.contains("cdv-defilement")) box.removeAttribute("tabindex");
      var hint = box.previousElementSibling;
      var hasHint = hint && hint.classList.contains("cdv-defilement__aide");
      if (wide && !hasHint) {
        hint = document.createElement("p");
        hint.className = "cdv-defilement__aide";
        hint.setAttribute("aria-hidden", "true");
        hint.textContent = "Tableau plus large que l'écran\u00a0: faites défiler horizontalement →";
        box.parentNode.insertBefore(hint, box);
      } else if (!wide && hasHint) {
        hint.parentNode.removeChild(hint);
      }
    });
  }

  /* An address whose anchor lies inside a closed <details> (an enjeu's detail on a quartier
     page): open it, then show the anchor (below the sticky header: CSS scroll-margin). Chromium
     opens it itself; not every browser does. On load, on hashchange, and on a tap on a link to
     the address already shown (no hashchange then). */
  function reveal(id) {
    var target = id && document.getElementById(id);
    if (!target) return;
    var opened = false;
    for (var node = target.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS" && !node.open) { node.open = true; opened = true; }
    }
    if (opened) target.scrollIntoView();
  }

  function revealTarget() {
    if (location.hash) reveal(decodeURIComponent(location.hash.slice(1)));
  }

  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a[href^='#']") : null;
    if (link && link.hash) reveal(decodeURIComponent(link.hash.slice(1)));
  });

  /* Printed from the browser's menu, a quartier page prints its folded detail too (the print
     style sheet opens it where the browser can; this does it everywhere). */
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true;
      openedForPrint.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (details) { details.open = false; });
    openedForPrint = [];
  });

  document.addEventListener("keydown", function (event) {
    var drawer = document.getElementById("__drawer");
    if (event.key !== "Escape" || !drawer || !drawer.checked) return;
    drawer.click();  // the header's menu button takes the focus back (entete.js)
  });

  function setUp() {
    var content = document.querySelector(".md-content") || document.body;
    addLinkButtons(content);
    // after Material has wrapped its tables (its own DOMContentLoaded work)
    window.setTimeout(function () { markScrollers(content); }, 0);
    revealTarget();
  }

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(function () {
      markScrollers(document.querySelector(".md-content") || document.body);
    }, 150);
  });
  window.addEventListener("hashchange", revealTarget);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();

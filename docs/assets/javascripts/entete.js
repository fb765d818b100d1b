/* Boutons « Ouvrir le menu » et « Rechercher » de l'en-tête (overrides/partials/header.html).
   Material ouvre son menu et sa recherche en cochant des cases cachées (#__drawer, #__search) que
   ses étiquettes cochent au clic ; ici ce sont de vrais boutons, atteignables au clavier (Entrée,
   Espace), qui cochent la case et disent si elle l'est (aria-expanded). Le menu ouvert au clavier
   prend le focus ; refermé (Échap, clic sur le fond), il le rend au bouton.
   Pas de script en ligne (politique de sécurité du contenu) : tout est dans ce fichier. */
(function () {
  "use strict";

  function firstVisibleMenuLink() {
    // Material stacks the menu's levels: the first link drawn on top is the current level's
    var links = document.querySelectorAll(".md-sidebar--primary a[href], .md-sidebar--primary label[tabindex]");
    for (var i = 0; i < links.length; i++) {
      var box = links[i].getBoundingClientRect();
      var top = box.width && document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      if (top && links[i].contains(top)) return links[i];
    }
    return null;
  }

  function setUp() {
    document.querySelectorAll("button[data-cdv-bascule]").forEach(function (button) {
      var box = document.getElementById(button.getAttribute("data-cdv-bascule"));
      if (!box) return;
      var byKeyboard = false;
      button.addEventListener("keydown", function (event) {
        byKeyboard = event.key === "Enter" || event.key === " ";
      });
      button.addEventListener("click", function () {
        box.click();  // fires « change », which Material watches
        if (box.id === "__drawer" && box.checked && byKeyboard) {
          window.setTimeout(function () {
            var link = box.checked && firstVisibleMenuLink();
            if (link) link.focus();
          }, 300);  // after the slide (visibility comes back at its start)
        }
        byKeyboard = false;
      });
      box.addEventListener("change", function () {
        button.setAttribute("aria-expanded", box.checked ? "true" : "false");
        if (box.id !== "__drawer" || box.checked) return;
        var sidebar = document.querySelector(".md-sidebar--primary");
        if (sidebar && (sidebar.contains(document.activeElement) || document.activeElement === document.body)) button.focus();
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();

/* Lien d'évitement « Aller au contenu » (RGAA 12.7).
   La navigation instantanée de Material intercepte le clic sur le lien et fait défiler la page
   sans y déplacer le focus : la touche Tab suivante repartait du haut de la page. Le titre visé
   reçoit donc le focus, et la lecture au clavier continue dans le contenu. Material, quelques
   dizaines de millisecondes après le clic, retire le focus de l'élément qui l'a (il retombe sur la
   page) et peut remplacer le contenu : pendant une seconde, le focus qui retombe est rendu à
   l'élément où le lecteur l'avait mis (le titre, ou plus loin s'il a déjà appuyé sur Tab ; le
   titre est recherché à nouveau s'il a été remplacé), jamais repris à un élément qu'il a choisi. */
window.addEventListener("click", function (event) {
  var link = event.target instanceof Element ? event.target.closest("a.md-skip") : null;
  if (!link || !link.hash) return;
  var id = decodeURIComponent(link.hash.slice(1));
  var until = Date.now() + 1000;
  var chosen = null;  // the element the reader moved the focus to, after the title
  var focus = function () {
    var current = document.activeElement;
    var wanted = chosen && chosen.isConnected ? chosen : document.getElementById(id);
    if (!wanted || current === wanted) return;
    if (current && current !== document.body && current !== link) return;  // somewhere the reader chose
    if (wanted.id === id && !wanted.hasAttribute("tabindex")) wanted.setAttribute("tabindex", "-1");
    wanted.focus({ preventScroll: true });
  };
  var moved = function (into) {
    if (into.target !== link && into.target.id !== id) chosen = into.target;
  };
  var dropped = function (out) {
    if (out.relatedTarget === null) window.setTimeout(focus, 0);  // the focus fell back on the page
  };
  document.addEventListener("focusin", moved, true);
  document.addEventListener("focusout", dropped, true);
  window.setTimeout(function () {
    document.removeEventListener("focusin", moved, true);
    document.removeEventListener("focusout", dropped, true);
  }, until - Date.now());
  focus();
  [0, 50, 150, 300, 500].forEach(function (delay) { window.setTimeout(focus, delay); });
}, true);  // capture: run before Material's own click handling

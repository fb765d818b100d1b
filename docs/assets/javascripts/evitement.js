/* Lien d'évitement « Aller au contenu » (RGAA 12.7).
   La navigation instantanée de Material intercepte le clic sur le lien et fait défiler la page
   sans y déplacer le focus : la touche Tab suivante repartait du haut de la page. Le titre visé
   reçoit donc le focus, et la lecture au clavier continue dans le contenu. Material peut, juste
   après le clic, remplacer le contenu ou laisser retomber le focus sur la page : pendant une
   seconde, le titre (recherché à nouveau) est refocalisé dès que le focus retombe sur la page ou
   reste sur le lien, jamais quand le lecteur l'a déjà déplacé ailleurs (Tab, clic). */
window.addEventListener("click", function (event) {
  var link = event.target instanceof Element ? event.target.closest("a.md-skip") : null;
  if (!link || !link.hash) return;
  var id = decodeURIComponent(link.hash.slice(1));
  var until = Date.now() + 1000;
  var focus = function () {
    var target = document.getElementById(id);
    var current = document.activeElement;
    if (!target || current === target) return;
    if (current && current !== document.body && current !== link) return;  // the reader moved on
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  };
  var dropped = function (out) {
    if (Date.now() > until) return document.removeEventListener("focusout", dropped, true);
    if (out.relatedTarget === null) window.setTimeout(focus, 0);  // focus fell back on the page
  };
  document.addEventListener("focusout", dropped, true);
  focus();
  [0, 50, 150, 300, 500].forEach(function (delay) { window.setTimeout(focus, delay); });
}, true);  // capture: run before Material's own click handling

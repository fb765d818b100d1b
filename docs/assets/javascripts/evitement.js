/* Lien d'évitement « Aller au contenu » (RGAA 12.7).
   La navigation instantanée de Material intercepte le clic sur le lien et fait défiler la page
   sans y déplacer le focus : la touche Tab suivante repartait du haut de la page. Le titre visé
   reçoit donc le focus, et la lecture au clavier continue dans le contenu. Material peut
   remplacer le contenu juste après le clic : le titre est recherché à nouveau et refocalisé
   tant que le focus n'y est pas (pendant une demi-seconde au plus). */
window.addEventListener("click", function (event) {
  var link = event.target instanceof Element ? event.target.closest("a.md-skip") : null;
  if (!link || !link.hash) return;
  var id = decodeURIComponent(link.hash.slice(1));
  var focus = function () {
    var target = document.getElementById(id);
    if (!target || document.activeElement === target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  };
  focus();
  [0, 50, 150, 300, 500].forEach(function (delay) { window.setTimeout(focus, delay); });
}, true);  // capture: run before Material's own click handling

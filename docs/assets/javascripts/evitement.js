/* Lien d'évitement « Aller au contenu » (RGAA 12.7).
   La navigation instantanée de Material intercepte le clic sur le lien et fait défiler la page
   sans y déplacer le focus : la touche Tab suivante repartait du haut de la page. Le titre visé
   reçoit donc le focus, et la lecture au clavier continue dans le contenu. */
window.addEventListener("click", function (event) {
  var link = event.target instanceof Element ? event.target.closest("a.md-skip") : null;
  if (!link || !link.hash) return;
  var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (!target) return;
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus();
});

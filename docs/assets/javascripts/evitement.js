/* Lien d'évitement « Aller au contenu » (RGAA 12.7).
   La navigation instantanée de Material traite le premier lien vers une ancre de la page comme un
   changement de page : elle la recharge en arrière-plan, remplace tout le contenu et retire le
   focus. La touche Tab suivante repartait alors du haut de la page, ou le focus que le lecteur
   venait de poser dans le contenu était perdu. Le lien ne mène qu'à un titre de la même page :
   il est donc suivi ici, sans rechargement (adresse, historique, défilement sous l'en-tête fixe),
   et le titre visé reçoit le focus pour que la lecture au clavier continue dans le contenu. */
window.addEventListener("click", function (event) {
  var link = event.target instanceof Element ? event.target.closest("a.md-skip") : null;
  if (!link || !link.hash || event.ctrlKey || event.metaKey || event.shiftKey) return;
  var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (!target) return;
  // Material listens on the body, the browser's own fragment navigation would also reach it (popstate)
  event.preventDefault();
  event.stopPropagation();
  if (location.hash !== link.hash) history.pushState(null, "", link.hash);
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.scrollIntoView();  // below the sticky header: the CSS gives every [id] a scroll margin
  target.focus({ preventScroll: true });
}, true);  // capture: run before Material's own click handling

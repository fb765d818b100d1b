/* Page d'une ancienne adresse (un objectif renommé par un avenant) : elle mène à la nouvelle en
   gardant l'ancre (#quartier--action), que la redirection « meta refresh » perdrait. Dans un
   fichier à part : la Content-Security-Policy du site interdit les scripts écrits dans la page. */
(function () {
  "use strict";
  var target = document.documentElement.getAttribute("data-cible");
  if (target) location.replace(target + location.hash);
})();

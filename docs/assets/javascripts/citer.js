/* « Citer cette page » : un bouton copie la citation dans le presse-papiers. Sans JavaScript,
   la phrase reste lisible et sélectionnable ; le bouton n'est ajouté que si la copie est possible. */
(function () {
  function addButtons() {
    if (!navigator.clipboard) return;
    document.querySelectorAll(".cdv-citer").forEach(function (block) {
      var citation = block.querySelector(".cdv-citation");
      if (!citation || block.querySelector(".cdv-citer__copier")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "cdv-citer__copier";
      button.textContent = "Copier la citation";
      var status = document.createElement("span");
      status.setAttribute("role", "status");
      status.className = "cdv-citer__etat";
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(citation.textContent.trim()).then(
          function () { status.textContent = "Citation copiée."; },
          function () { status.textContent = "Copie impossible : sélectionnez la phrase et copiez-la."; });
      });
      block.appendChild(button);
      block.appendChild(status);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", addButtons);
  else addButtons();
})();

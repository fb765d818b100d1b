/*
 * « Imprimer toute la convention » (version imprimable, macros/templates/imprimable.md.j2).
 *
 * Une seule page pour toute la convention dépasserait le budget de poids des pages (bench/) :
 * la version imprimable est en parties. Le bouton charge les autres parties (les liens marqués
 * data-cdv-partie, dans l'ordre du document) à la suite de cette page, le temps d'imprimer, puis
 * ouvre l'impression du navigateur. Sans JavaScript, le bouton reste caché et chaque partie
 * s'imprime depuis sa page.
 */
(function () {
  "use strict";

  // Ce qui sert à l'écran et pas sur papier, dans une partie chargée : ses scripts, son lien de
  // modification, les zones de carte (leur texte les remplace).
  var DROPPED = "script, .md-content__button, .md-source-file, .headerlink, .cdv-carte__zone, .cdv-carte__legende, .cdv-imprimer-masquer";

  // Sur le site d'une agglomération, la page d'un quartier réunit ce que chaque convention y
  // prévoit, une section par commune (son titre porte data-cdv-commune). La version imprimable
  // d'une commune ne garde que la sienne : une section va jusqu'au titre suivant de même niveau
  // ou plus haut, ou jusqu'à la date de mise à jour de la page.
  function keepCommune(article, commune) {
    var kept = true;
    Array.prototype.slice.call(article.children).forEach(function (element) {
      if (element.hasAttribute("data-cdv-commune")) {
        kept = element.getAttribute("data-cdv-commune") === commune;
      } else if (/^H[1-3]$/.test(element.tagName) || element.classList.contains("cdv-mise-a-jour")) {
        kept = true;
      }
      if (!kept) element.remove();
    });
    // « décrit par deux conventions… présentées ci-dessous commune par commune » : plus ici
    article.querySelectorAll(".cdv-plusieurs-conventions").forEach(function (element) { element.remove(); });
  }

  function part(address, html, commune) {
    var page = new DOMParser().parseFromString(html, "text/html");
    var article = page.querySelector("article.md-content__inner") || page.querySelector("article");
    if (!article) throw new Error(address + " : contenu introuvable");
    if (commune) keepCommune(article, commune);
    article.querySelectorAll(DROPPED).forEach(function (element) { element.remove(); });
    // sur papier, tout se lit : les blocs repliés sont ouverts
    article.querySelectorAll("details").forEach(function (details) { details.open = true; });
    // les identifiants de la partie existent aussi dans cette page (ou dans une autre partie)
    article.querySelectorAll("[id]").forEach(function (element) { element.removeAttribute("id"); });
    // les liens relatifs de la partie partent de son adresse, pas de celle-ci
    article.querySelectorAll("a[href]").forEach(function (link) {
      link.setAttribute("href", new URL(link.getAttribute("href"), address).href);
    });
    article.querySelectorAll("img[src]").forEach(function (image) {
      image.setAttribute("src", new URL(image.getAttribute("src"), address).href);
    });
    var section = document.createElement("section");
    section.className = "cdv-imprimable-piece md-typeset";
    while (article.firstChild) section.appendChild(document.adoptNode(article.firstChild));
    return section;
  }

  function printAll(button) {
    var article = button.closest("article");
    var status = article.querySelector(".cdv-imprimer-tout__etat");
    var links = Array.prototype.slice.call(article.querySelectorAll("a[data-cdv-partie]"));
    var old = document.querySelector(".cdv-imprimable-suite");
    if (old) old.remove();
    button.disabled = true;
    status.textContent = "Préparation des " + (links.length + 1) + " parties…";
    Promise.all(links.map(function (link) {
      var address = link.href.split("#")[0];
      return fetch(address).then(function (response) {
        if (!response.ok) throw new Error(address + " (" + response.status + ")");
        return response.text();
      }).then(function (html) { return part(address, html, link.getAttribute("data-cdv-commune")); });
    })).then(function (sections) {
      var suite = document.createElement("div");
      suite.className = "cdv-imprimable-suite";
      sections.forEach(function (section) { suite.appendChild(section); });
      article.appendChild(suite);
      status.textContent = "";
      button.disabled = false;
      window.addEventListener("afterprint", function () { suite.remove(); }, { once: true });
      window.print();
    }, function (error) {
      button.disabled = false;
      status.textContent = "Impression impossible : une partie n'a pas pu être chargée. Imprimez chaque partie depuis sa page.";
      console.warn(error.message);
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("[data-cdv-imprimer-tout]") : null;
    if (button) printAll(button);
  });

  function reveal() {
    document.querySelectorAll(".cdv-imprimer-tout[hidden]").forEach(function (box) { box.hidden = false; });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", reveal);
  } else {
    reveal();
  }
})();

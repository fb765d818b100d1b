/*
 * Cartes des quartiers : charge Leaflet (copie servie par le site) à la demande, puis
 * dessine les cartes de la page.
 *
 * Chaque carte est un script en ligne qui fait `(window.cdvCartes = window.cdvCartes || []).push(dessin)`.
 * Au premier chargement d'une page, ces scripts s'exécutent avant ce fichier (placé en fin de
 * page) : les dessins attendent dans la file, traitée ci-dessous. Après une navigation instantanée
 * (Material remplace le contenu et réexécute ses scripts), ce fichier a déjà tourné : `push`
 * dessine aussitôt. Les pages sans carte ne téléchargent pas Leaflet.
 */
(function () {
  "use strict";

  var base = new URL("../vendor/leaflet/", document.currentScript.src).href;
  var ready = null;

  function load(tag, attributes) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      Object.keys(attributes).forEach(function (name) { element[name] = attributes[name]; });
      element.onload = resolve;
      element.onerror = function () { reject(new Error("Impossible de charger " + (attributes.src || attributes.href))); };
      document.head.appendChild(element);
    });
  }

  function leaflet() {
    if (window.L) return Promise.resolve(window.L);
    if (!ready) {
      ready = Promise.all([
        load("link", { rel: "stylesheet", href: base + "leaflet.css" }),
        load("script", { src: base + "leaflet.js" })
      ]).then(function () { return window.L; });
    }
    return ready;
  }

  function draw(drawing) {
    leaflet().then(function (L) { drawing(L); }, function (error) {
      ready = null; // une prochaine page pourra réessayer
      console.warn("Carte non affichée : " + error.message + ". Le texte sous la carte en donne les informations.");
    });
  }

  var waiting = Array.isArray(window.cdvCartes) ? window.cdvCartes : [];
  window.cdvCartes = { push: draw };
  waiting.forEach(draw);
})();

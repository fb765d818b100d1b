/*
 * Cartes des quartiers : charge Leaflet (copie servie par le site) à la demande, puis
 * dessine les cartes de la page.
 *
 * Chaque carte est un script en ligne qui fait `(window.cdvCartes = window.cdvCartes || []).push(dessin)`,
 * où `dessin(L, donnees)` crée la carte puis demande ses tracés à `donnees(chemin, suite)`.
 * Au premier chargement d'une page, ces scripts s'exécutent avant ce fichier (placé en fin de
 * page) : les dessins attendent dans la file, traitée ci-dessous. Après une navigation instantanée
 * (Material remplace le contenu et réexécute ses scripts), ce fichier a déjà tourné : `push`
 * dessine aussitôt. Les pages sans carte ne téléchargent pas Leaflet.
 */
(function () {
  "use strict";

  var base = new URL("../vendor/leaflet/", document.currentScript.src).href;
  var root = new URL("../../", document.currentScript.src).href; // la racine du site
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

  // Les tracés d'une carte sont dans un fichier à part (cartes/…json, chemin depuis la racine) :
  // la page reste légère et le fichier de la carte d'ensemble sert à toutes les pages qui la montrent.
  function donnees(path, use) {
    fetch(new URL(path, root).href)
      .then(function (response) {
        if (!response.ok) throw new Error(path + " (" + response.status + ")");
        return response.json();
      })
      .then(use)
      .catch(function (error) {
        console.warn("Tracés non affichés : " + error.message + ". Le texte sous la carte en donne les informations.");
      });
  }

  function draw(drawing) {
    leaflet().then(function (L) { drawing(L, donnees); }, function (error) {
      ready = null; // une prochaine page pourra réessayer
      console.warn("Carte non affichée : " + error.message + ". Le texte sous la carte en donne les informations.");
    });
  }

  var waiting = Array.isArray(window.cdvCartes) ? window.cdvCartes : [];
  window.cdvCartes = { push: draw };
  waiting.forEach(draw);
})();

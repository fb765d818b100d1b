/*
 * Cartes des quartiers (macros/features/maps.py, gabarit macros/templates/_carte.html.j2).
 *
 * Chaque carte arrive dans la page sous forme de données, jamais de code : l'attribut data-reglages
 * de sa zone (JSON) donne les options de folium pour la carte et son fond, le style et les
 * infobulles des couches, et le fichier des tracés (cartes/…json, chemin depuis la racine du site).
 * Aucun script en ligne : une Content-Security-Policy sans 'unsafe-inline' les laisse fonctionner.
 *
 * Jusqu'à ce que le lecteur demande la carte (bouton « Afficher la carte interactive ») ou la fasse
 * venir à l'écran, sa zone montre un dessin SVG des mêmes tracés, et Leaflet (copie servie par le
 * site, 46 ko gzip) n'est pas téléchargé. Les cartes sont préparées au chargement de la page.
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

  function warn(what, error) {
    console.warn(what + " : " + error.message + ". Le texte sous la carte en donne les informations.");
  }

  // Les tracés sont dans un fichier à part : la page reste légère et le fichier de la carte
  // d'ensemble sert à toutes les pages qui la montrent.
  function donnees(path) {
    return fetch(new URL(path, root).href).then(function (response) {
      if (!response.ok) throw new Error(path + " (" + response.status + ")");
      return response.json();
    });
  }

  // Infobulle : les valeurs sont déjà échappées pour HTML dans le fichier (macros/features/maps.py).
  function tooltip(spec, properties) {
    var rows = spec.fields.map(function (field, i) {
      return "<tr><th>" + spec.aliases[i] + "</th><td>" + (properties[field] || "") + "</td></tr>";
    });
    return "<table>" + rows.join("") + "</table>";
  }

  function communes(L, map, spec, collection) {
    var options = {
      style: function () { return spec.style; },
      onEachFeature: function (feature, layer) {
        layer.bindTooltip(tooltip(spec.tooltip, feature.properties), { sticky: true });
      }
    };
    if (spec.attribution) options.attribution = spec.attribution;
    L.geoJSON(collection, options).addTo(map);
  }

  function perimetres(L, map, spec, collection) {
    var labels = [];
    L.geoJSON(collection, {
      style: function (feature) {
        var p = feature.properties;
        var style = Object.assign({}, spec.styles[p.nature]);
        style.className = "cdv-perimetre cdv-perimetre--" + p.nature + " cdv-perimetre--" + p.quartier;
        return style;
      },
      onEachFeature: function (feature, layer) {
        var p = feature.properties;
        layer.bindTooltip(tooltip(spec.tooltip, p), { sticky: true, className: "cdv-infobulle" });
        if (spec.follow) {
          // la forme suit le lien du texte sous la carte, que MkDocs a vérifié : le chemin de
          // base du site fonctionne de lui-même
          layer.on("click", function () {
            var box = document.getElementById(spec.follow);
            var link = box && box.querySelector('a[data-cdv-quartier="' + p.quartier + '"]');
            if (link) link.click();
          });
        }
        if (spec.labels && p.etiquette) {
          labels.push(L.tooltip({ permanent: true, direction: "center", className: "cdv-etiquette", interactive: false })
            .setLatLng(p.etiquette).setContent(p.nom).addTo(map));
        }
      }
    }).addTo(map);
    if (labels.length) {
      map.on("zoomend", function () { declutter(labels); });
      declutter(labels);
    }
  }

  // Noms qui se chevauchent : le premier dans l'ordre de la convention reste, les autres
  // s'effacent jusqu'à un zoom où ils ont la place (leur forme garde son infobulle).
  function declutter(labels) {
    var kept = [];
    labels.forEach(function (label) {
      var element = label.getElement();
      if (!element) return;
      element.style.visibility = "";
      var box = element.getBoundingClientRect();
      var hit = kept.some(function (other) {
        return box.left < other.right && other.left < box.right && box.top < other.bottom && other.top < box.bottom;
      });
      if (hit) element.style.visibility = "hidden";
      else kept.push(box);
    });
  }

  var LAYERS = { communes: communes, perimetres: perimetres };

  function draw(zone, config) {
    Promise.all([leaflet(), donnees(config.data)]).then(function (results) {
      var L = results[0], data = results[1];
      var options = Object.assign({}, config.map);
      var map = L.map(zone, options);
      if (config.tiles) L.tileLayer(config.tiles.url, config.tiles.options).addTo(map);
      L.control.zoom(config.zoom).addTo(map);
      map.attributionControl.setPrefix(config.prefix);
      if (L.Browser.mobile) map.dragging.disable(); // le doigt fait défiler la page, pas la carte
      config.layers.forEach(function (spec) {
        if (data[spec.part]) LAYERS[spec.part](L, map, spec, data[spec.part]);
      });
      map.fitBounds(config.bounds, config.fit);
    }, function (error) {
      ready = null; // une prochaine tentative pourra réessayer
      zone.classList.remove("cdv-carte__zone--active");
      warn("Carte non affichée", error);
    });
  }

  function activate(zone, focus) {
    if (zone.classList.contains("cdv-carte__zone--active")) return;
    var config;
    try {
      config = settings(zone);
    } catch (error) {
      warn("Réglages de carte illisibles", error);
      return;
    }
    zone.classList.add("cdv-carte__zone--active");
    var drawing = zone.querySelector(".cdv-apercu");
    var button = zone.querySelector(".cdv-carte__activer");
    // le lecteur au clavier qui a amené le bouton à l'écran garde le focus, sur la carte
    focus = focus || (button && document.activeElement === button);
    if (drawing) drawing.remove();
    if (button) button.remove();
    draw(zone, config);
    if (focus) {
      zone.tabIndex = 0; // Leaflet le met aussi : la carte se manie au clavier
      zone.focus(); // le bouton a disparu, le clavier continue sur la carte
    }
  }

  // La carte se charge quand la plus grande partie de sa zone est à l'écran, une fois que le lecteur
  // a fait défiler la page : une carte visible dès l'arrivée reste un dessin (la première vue ne
  // télécharge pas Leaflet, sur téléphone comme ailleurs) jusqu'au bouton ou au premier défilement.
  var IN_VIEW = 0.6;
  var scrolled = false;
  var zones = [];

  var watcher = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting || entry.intersectionRatio < IN_VIEW) return;
      watcher.unobserve(entry.target);
      activate(entry.target, false);
    });
  }, { threshold: IN_VIEW }) : null;

  function watch(zone) {
    if (!watcher) return;
    if (scrolled) watcher.observe(zone);
    else zones.push(zone);
  }

  function firstScroll() {
    window.removeEventListener("scroll", firstScroll);
    scrolled = true;
    zones.splice(0).forEach(watch);
  }
  window.addEventListener("scroll", firstScroll, { passive: true });

  function settings(zone) {
    return JSON.parse(zone.getAttribute("data-reglages"));
  }

  function prepare(figure) {
    var zone = figure.querySelector(".cdv-carte__zone");
    if (!zone) return;
    var button = zone.querySelector(".cdv-carte__activer");
    if (button) {
      button.hidden = false;
      button.addEventListener("click", function () { activate(zone, true); });
    }
    var drawing = zone.querySelector(".cdv-apercu");
    if (drawing && figure.classList.contains("cdv-carte--ensemble")) {
      // sur le dessin aussi, une forme ouvre la page de son quartier (par le lien du texte)
      drawing.addEventListener("click", function (event) {
        var shape = event.target.closest("[data-quartier]");
        var follow = shape && settings(zone).layers.map(function (spec) { return spec.follow; }).filter(Boolean)[0];
        var box = follow && document.getElementById(follow);
        var link = box && box.querySelector('a[data-cdv-quartier="' + shape.getAttribute("data-quartier") + '"]');
        if (link) link.click();
      });
    }
    watch(zone);
  }

  function prepareAll() {
    document.querySelectorAll("figure.cdv-carte").forEach(prepare);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", prepareAll);
  } else {
    prepareAll();
  }
})();

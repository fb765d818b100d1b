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
 *
 * Sur un écran tactile, la carte ne vient qu'au bouton : avant, le doigt fait défiler la page à
 * travers le dessin ; après, le lecteur l'a demandée, et le doigt la déplace. Les noms des quartiers
 * de la carte d'ensemble mènent chacun à la page du quartier (cible de 44 px au moins), et un nom
 * qui en couvrirait un autre se décale au lieu de disparaître.
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
          layer.on("click", function () { follow(spec.follow, p.quartier); });
        }
        if (spec.labels && p.etiquette) {
          var label = L.tooltip({ permanent: true, direction: "center", className: "cdv-etiquette", interactive: true })
            .setLatLng(p.etiquette).setContent('<span class="cdv-etiquette__nom">' + p.nom + "</span>").addTo(map);
          if (spec.follow) label.on("click", function () { follow(spec.follow, p.quartier); });
          labels.push(label);
        }
      }
    }).addTo(map);
    if (labels.length) {
      var place = function () {
        spread(labels.map(function (label) { return label.getElement(); }), map.getContainer().getBoundingClientRect());
      };
      map.on("zoomend moveend", place);
      place();
    }
  }

  // Le lien du texte sous la carte qui mène à la page du quartier.
  function follow(boxId, quartier) {
    var box = document.getElementById(boxId);
    var link = box && box.querySelector('a[data-cdv-quartier="' + quartier + '"]');
    if (link) link.click();
  }

  // Noms qui se chevauchent : le premier dans l'ordre de la convention reste à sa place, chacun des
  // suivants descend ou monte (marges : Leaflet place les siens par transform) jusqu'à une place libre
  // dans le cadre, un trait le reliant à sa place. Aucun nom ne disparaît. Les boîtes comparées sont les cibles de 44 px.
  var STEPS = [0, 1, -1, 2, -2, 3, -3, 4, -4];

  function spread(elements, frame) {
    var kept = [];
    elements.forEach(function (element) {
      if (!element) return;
      element.style.marginLeft = element.style.marginTop = "";
      var box = element.getBoundingClientRect();
      // entier dans le cadre, de gauche à droite
      var dx = Math.max(frame.left - box.left, 0) + Math.min(frame.right - box.right, 0);
      if (box.width > frame.width) dx = frame.left - box.left + (frame.width - box.width) / 2;
      var choice = null;
      for (var i = 0; i < STEPS.length && choice === null; i++) {
        var dy = STEPS[i] * box.height;
        var moved = { left: box.left + dx, right: box.right + dx, top: box.top + dy, bottom: box.bottom + dy };
        var inside = moved.top >= frame.top - 1 && moved.bottom <= frame.bottom + 1;
        var free = !kept.some(function (other) {
          return moved.left < other.right && other.left < moved.right && moved.top < other.bottom && other.top < moved.bottom;
        });
        if (free && (inside || i === STEPS.length - 1)) choice = { dy: dy, box: moved };
      }
      if (choice === null) choice = { dy: 0, box: { left: box.left + dx, right: box.right + dx, top: box.top, bottom: box.bottom } };
      if (dx) element.style.marginLeft = dx + "px";
      if (choice.dy) element.style.marginTop = choice.dy + "px";
      // un trait relie le nom décalé à sa place (docs/assets/css/cartes.css)
      element.classList.toggle("cdv-nom--descendu", choice.dy > 0);
      element.classList.toggle("cdv-nom--monte", choice.dy < 0);
      element.style.setProperty("--cdv-trait", Math.abs(choice.dy) + "px");
      kept.push(choice.box);
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
      // le lecteur a demandé la carte : le doigt la déplace (sur écran tactile, elle ne vient qu'au bouton)
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
    var drawing = zone.querySelector(".cdv-apercu-cadre") || zone.querySelector(".cdv-apercu");
    var button = zone.querySelector(".cdv-carte__activer");
    if (frames) frames.unobserve(zone);
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

  // Écran tactile : le défilement n'amène pas la carte (un doigt posé dessus la déplacerait au lieu de
  // faire défiler la page) ; le bouton reste le seul moyen, et la carte demandée se déplace au doigt.
  var touch = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;

  function watch(zone) {
    if (!watcher || touch) return;
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
    var drawing = zone.querySelector(".cdv-apercu-cadre");
    if (drawing && figure.classList.contains("cdv-carte--ensemble")) {
      var boxId = followed(zone);
      var box = boxId && document.getElementById(boxId);
      // sur le dessin aussi, une forme ou un nom ouvre la page de son quartier (par le lien du texte)
      drawing.addEventListener("click", function (event) {
        var shape = event.target.closest("[data-quartier]");
        if (!shape || !boxId || shape.hasAttribute("href")) return; // un nom complété : son lien suffit (nouvel onglet compris)
        follow(boxId, shape.getAttribute("data-quartier"));
      });
      // chaque nom prend l'adresse du lien du texte : un vrai lien (nouvel onglet, adresse copiée)
      drawing.querySelectorAll("a.cdv-apercu__nom").forEach(function (name) {
        var link = box && box.querySelector('a[data-cdv-quartier="' + name.getAttribute("data-quartier") + '"]');
        if (link) name.href = link.href;
      });
      placeNames(zone);
      if (frames) frames.observe(zone);
    }
    watch(zone);
  }

  function followed(zone) {
    try {
      return settings(zone).layers.map(function (spec) { return spec.follow; }).filter(Boolean)[0];
    } catch (error) {
      return null;
    }
  }

  // Les noms du dessin, écartés l'un de l'autre à la taille où la zone s'affiche (et à chaque changement).
  function placeNames(zone) {
    var frame = zone.querySelector(".cdv-apercu-cadre");
    if (!frame) return;
    var names = Array.prototype.slice.call(frame.querySelectorAll(".cdv-apercu__nom"));
    if (names.length) spread(names, frame.getBoundingClientRect());
  }

  var frames = "ResizeObserver" in window ? new ResizeObserver(function (entries) {
    entries.forEach(function (entry) { placeNames(entry.target); });
  }) : null;

  function prepareAll() {
    document.querySelectorAll("figure.cdv-carte").forEach(prepare);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", prepareAll);
  } else {
    prepareAll();
  }
})();

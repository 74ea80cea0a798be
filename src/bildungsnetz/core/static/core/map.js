/* Supplementary maps (Leaflet + markercluster). The page's table/list is the equivalent.
 *
 * <div class="js-map" aria-hidden="true" data-points-url="…json" | data-points="[[lat, lon,
 * name, url, schulform], …]" data-tile-url="…" data-zoom="15" data-label-…="…">
 * inside a <section data-map-section hidden>. No focusable element is created inside the
 * map, so keyboard users are never trapped in it; mouse users can pan, zoom and open
 * popups linking to the school pages. Without a tile URL the map shows the markers on a
 * neutral background.
 */
(function () {
  "use strict";

  var NRW_BOUNDS = [[50.32, 5.86], [52.53, 9.46]];

  if (typeof window.L === "undefined" || !document.querySelector) {
    return;
  }

  function setStatus(section, text) {
    var status = section.querySelector(".js-map-status");
    if (status) {
      status.textContent = text || "";
    }
  }

  function removeFromTabOrder(root) {
    var focusable = root.querySelectorAll("a, button, input, [tabindex]");
    for (var i = 0; i < focusable.length; i++) {
      focusable[i].setAttribute("tabindex", "-1");
    }
  }

  function popupContent(point) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = point[3];
    link.textContent = point[2];
    link.setAttribute("tabindex", "-1");
    var form = document.createElement("p");
    form.textContent = point[4];
    box.appendChild(link);
    box.appendChild(form);
    return box;
  }

  function drawMap(element, points) {
    var map = L.map(element, {
      keyboard: false,
      attributionControl: false,
      scrollWheelZoom: false,
      zoomSnap: 0.5,
      minZoom: 6,
      maxZoom: 18,
    });
    var tileUrl = element.getAttribute("data-tile-url");
    if (tileUrl) {
      L.tileLayer(tileUrl, { maxZoom: 18 }).addTo(map);
    }
    var cluster = L.markerClusterGroup({
      showCoverageOnHover: false,
      chunkedLoading: true,
      maxClusterRadius: 50,
    });
    var markers = [];
    for (var i = 0; i < points.length; i++) {
      var point = points[i];
      var marker = L.marker([point[0], point[1]], { keyboard: false, alt: "", title: point[2] });
      marker.bindPopup(popupContent(point), { closeButton: false });
      markers.push(marker);
    }
    cluster.addLayers(markers);
    map.addLayer(cluster);
    if (points.length === 1) {
      map.setView([points[0][0], points[0][1]], Number(element.getAttribute("data-zoom")) || 14);
    } else if (points.length > 1) {
      map.fitBounds(cluster.getBounds(), { padding: [20, 20], maxZoom: 15 });
    } else {
      map.fitBounds(NRW_BOUNDS);
    }
    // Controls and popups stay usable with the mouse but out of the tab order.
    removeFromTabOrder(element);
    map.on("popupopen layeradd zoomend", function () {
      removeFromTabOrder(element);
    });
    element.setAttribute("data-map-ready", String(points.length));
    return map;
  }

  function countLabel(element, count) {
    var template = element.getAttribute("data-label-count") || "{n}";
    return template.replace("{n}", count.toLocaleString("de-DE"));
  }

  function startMap(section) {
    var element = section.querySelector(".js-map");
    if (!element || element.getAttribute("data-map-started")) {
      return;
    }
    element.setAttribute("data-map-started", "1");
    var inline = element.getAttribute("data-points");
    if (inline) {
      drawMap(element, JSON.parse(inline));
      return;
    }
    var url = element.getAttribute("data-points-url");
    setStatus(section, element.getAttribute("data-label-loading"));
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (points) {
        drawMap(element, points);
        setStatus(section, countLabel(element, points.length));
      })
      .catch(function (error) {
        setStatus(section, element.getAttribute("data-label-error"));
        if (window.console) {
          window.console.error(error);
        }
      });
  }

  function setUpToggle(button) {
    var section = document.getElementById(button.getAttribute("aria-controls"));
    if (!section) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") === "true";
      section.hidden = open;
      button.setAttribute("aria-expanded", String(!open));
      button.textContent = button.getAttribute(open ? "data-label-show" : "data-label-hide");
      if (!open) {
        startMap(section);
      }
    });
  }

  var sections = document.querySelectorAll("[data-map-section]");
  for (var i = 0; i < sections.length; i++) {
    if (!sections[i].hasAttribute("data-map-toggle-target")) {
      sections[i].hidden = false;
      startMap(sections[i]);
    }
  }
  var toggles = document.querySelectorAll(".js-map-toggle");
  for (var j = 0; j < toggles.length; j++) {
    setUpToggle(toggles[j]);
  }
})();

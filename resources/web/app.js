/* Rollout Planner web map: the published plan, searchable by commune. Data: window.ROLLOUT_PLAN (data/plan.js).
   Every name from the data is inserted as text (textContent / DOM nodes), never as markup. */
(function () {
  "use strict";
  var PLAN = window.ROLLOUT_PLAN;
  var STRINGS = {
    fr: {search: "Commune, code INSEE ou code postal…", code: "Code INSEE", phase: "Phase",
      quarters: "Éligibilité prévue", units: "Locaux", today: "Couverture aujourd’hui (plan)",
      mode_quarter: "Trimestre d’éligibilité", mode_coverage: "Couverture au mois choisi",
      territory: "Territoire", unplanned: "hors plan", not_reached: "non atteint", play: "▶", pause: "❚❚",
      generated: "Plan du", scenario: "scénario", milestone: "{p} % des locaux éligibles", none: "aucun résultat",
      to: "à", no_units: "sans local", coverage: "couverture", sources: "Sources : ",
      classes: ["0 %", "1–25 %", "25–50 %", "50–75 %", "75–99 %", "100 %"], quarter_prefix: "T",
      status: "État", built: "construit", "under way": "en cours", planned: "prévu",
      built_at: "{n} locaux construits à fin {m} (réel)", quarters_actual: "Éligibilité",
      actual_mark: "réel", plan_mark: "prévu", by: "au plus tard", colon: "\u00a0: "},
    en: {search: "Commune, INSEE code or postcode…", code: "INSEE code", phase: "Phase",
      quarters: "Planned eligibility", units: "Premises", today: "Coverage today (plan)",
      mode_quarter: "Quarter of eligibility", mode_coverage: "Coverage at a chosen month",
      territory: "Territory", unplanned: "not planned", not_reached: "not reached", play: "▶", pause: "❚❚",
      generated: "Plan of", scenario: "scenario", milestone: "{p} % of premises eligible", none: "no match",
      to: "to", no_units: "no premises", coverage: "coverage", sources: "Sources: ",
      classes: ["0 %", "1–25 %", "25–50 %", "50–75 %", "75–99 %", "100 %"], quarter_prefix: "Q",
      status: "Status", built: "built", "under way": "under way", planned: "planned",
      built_at: "{n} premises built at the end of {m} (actual)", quarters_actual: "Eligibility",
      actual_mark: "actual", plan_mark: "planned", by: "by", colon: ": "}
  };
  var COVERAGE_COLOURS = PLAN.palette.coverage;
  var UNPLANNED = PLAN.palette.unplanned;
  var lang = (PLAN.meta.lang === "en") ? "en" : "fr";
  var months = PLAN.months;
  var start = parseMonth(PLAN.meta.start);
  var state = {mode: "quarter", month: clamp(PLAN.meta.today_index, 0, months.length - 1), selected: null,
               timer: null, layers: {}};
  var features = PLAN.communes.features;
  var byCode = {};
  features.forEach(function (f) { byCode[f.properties.code] = f; });
  // quarters of the map's colours count from the earliest quarter a commune was complete: the scenario start's,
  // or before it when real figures (an as-built start) show communes complete earlier
  var q0 = features.reduce(function (q, f) {
    var m = f.properties.last_month; return m ? Math.min(q, absQuarter(m)) : q;
  }, Math.floor(start / 3));
  var lastQuarter = features.reduce(function (m, f) { return Math.max(m, quarterIndexOf(f.properties)); }, 0);

  function $(id) { return document.getElementById(id); }
  function t(key) { return STRINGS[lang][key]; }
  function clamp(v, lo, hi) { return Math.max(lo, Math.min(hi, v)); }
  function parseMonth(s) { var p = s.split("-"); return (+p[0]) * 12 + (+p[1]) - 1; }
  function quarterLabel(offset) {
    if (offset === null || offset === undefined || offset < 0) { return null; }
    var n = start + offset;
    return t("quarter_prefix") + (Math.floor((n % 12) / 3) + 1) + " " + Math.floor(n / 12);
  }
  function absQuarter(month) { return Math.floor(parseMonth(month) / 3); }
  function absQuarterLabel(q) { return t("quarter_prefix") + (q % 4 + 1) + " " + Math.floor(q / 4); }
  function quarterIndexOf(p) { return p.last_month ? absQuarter(p.last_month) - q0 : -1; }
  function quarterOfIndex(q) { return absQuarterLabel(q0 + q); }
  function eligibilityText(p) {  // 'T3 2017 (réel) à T4 2019 (prévu)': real quarters of an as-built start marked
    if (!p.first_month) { return t("unplanned"); }
    var q1 = absQuarterLabel(absQuarter(p.first_month));
    if (p.first_actual && p.first_by) { q1 = t("by") + " " + q1; }
    var mark = function (actual) { return " (" + t(actual ? "actual_mark" : "plan_mark") + ")"; };
    var anyActual = p.first_actual || p.last_actual;
    if (!p.last_month) { return q1 + (p.first_actual ? mark(true) : ""); }
    var q2 = absQuarterLabel(absQuarter(p.last_month));
    if (p.first_actual === p.last_actual) {
      return (q1 === q2 ? q1 : q1 + " " + t("to") + " " + q2) + (anyActual ? mark(true) : "");
    }
    return q1 + mark(p.first_actual) + " " + t("to") + " " + q2 + mark(p.last_actual);
  }
  function monthLabel(offset) { return months[offset]; }
  function fmt(n) { return Number(n).toLocaleString(lang === "fr" ? "fr-FR" : "en-GB"); }
  function pct(n) { return Number(n).toLocaleString(lang === "fr" ? "fr-FR" : "en-GB", {maximumFractionDigits: 1}) + " %"; }
  function fold(s) { return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
                       .replace(/[-'’\s]+/g, " ").trim(); }
  function el(tag, text, cls) { var e = document.createElement(tag); if (text !== undefined) { e.textContent = text; }
                                if (cls) { e.className = cls; } return e; }

  function eligibleAt(p, offset) {
    var rl = p.eligible;
    if (!rl.length || offset < rl[0]) { return 0; }
    var values = rl[1];
    return values[Math.min(offset - rl[0], values.length - 1)];
  }
  function coverageClass(p, offset) {
    if (!p.units) { return -1; }
    var c = 100 * eligibleAt(p, offset) / p.units;
    if (c <= 0) { return 0; }
    if (c >= 100 - 1e-9) { return 5; }
    return c < 25 ? 1 : c < 50 ? 2 : c < 75 ? 3 : 4;
  }
  function quarterColour(q) {  // early quarters dark blue, late ones light yellow (viridis-like ramp)
    var ramp = PLAN.palette.quarter_ramp;
    if (q < 0) { return UNPLANNED; }
    var x = lastQuarter > 0 ? q / lastQuarter : 0;
    return ramp[Math.round(x * (ramp.length - 1))];
  }
  function fillOf(p) {
    if (state.mode === "quarter") { return p.last_month ? quarterColour(quarterIndexOf(p)) : UNPLANNED; }
    var k = coverageClass(p, state.month);
    return k < 0 ? "#ffffff" : COVERAGE_COLOURS[k];
  }

  // ---- map
  var map = L.map("map", {zoomSnap: 0.25, attributionControl: false, preferCanvas: true});
  var communeLayer = L.geoJSON(PLAN.communes, {
    style: function (f) { return {color: "#7a7a7a", weight: 0.6, fillColor: fillOf(f.properties), fillOpacity: 0.85}; },
    onEachFeature: function (f, layer) {
      state.layers[f.properties.code] = layer;
      layer.bindTooltip(function () { return el("span", f.properties.name, "commune-tip"); }, {sticky: true});
      layer.on("click", function () { select(f.properties.code, false); });
    }
  }).addTo(map);
  var phaseLayer = L.geoJSON({type: "FeatureCollection",
                              features: PLAN.phases.features.filter(function (f) { return f.geometry; })}, {
    style: function (f) { return {color: f.properties.color, weight: 2, fill: false, interactive: false}; }
  }).addTo(map);
  var highlight = null;
  map.fitBounds(communeLayer.getBounds(), {padding: [10, 10]});

  function restyle() {
    communeLayer.eachLayer(function (layer) { layer.setStyle({fillColor: fillOf(layer.feature.properties)}); });
    phaseLayer.bringToFront();
    if (highlight) { highlight.bringToFront(); }
  }

  // ---- commune panel
  function select(code, zoom) {
    var f = byCode[code];
    if (!f) { return false; }
    state.selected = code;
    var p = f.properties;
    $("commune").hidden = false;
    $("c-name").textContent = p.name;
    $("c-code").textContent = p.code + (p.postcodes.length ? " (" + p.postcodes.join(", ") + ")" : "");
    $("c-phase").textContent = p.phase >= 0 ? PLAN.phases.features[p.phase].properties.name : t("unplanned");
    var label = $("c-quarters-label");  // 'Éligibilité prévue', or 'Éligibilité' when real figures give a quarter
    label.dataset.i18n = (p.first_actual || p.last_actual) ? "quarters_actual" : "quarters";
    label.textContent = t(label.dataset.i18n);
    $("c-quarters").textContent = eligibilityText(p);
    $("c-units").textContent = fmt(p.units);
    var status = t(p.status === "unplanned" ? "unplanned" : p.status) || "";
    if (PLAN.meta.as_of && p.built > 0) {
      status += " — " + t("built_at").replace("{n}", fmt(p.built)).replace("{m}", PLAN.meta.as_of);
    }
    $("c-status").textContent = status;
    var now = clamp(PLAN.meta.today_index, 0, months.length - 1);
    var e = eligibleAt(p, now);
    $("c-today").textContent = p.units ? pct(100 * e / p.units) + " (" + fmt(e) + ")" : t("no_units");
    drawCurve($("c-curve"), function (i) { return p.units ? 100 * eligibleAt(p, i) / p.units : 0; });
    if (highlight) { map.removeLayer(highlight); }
    highlight = L.featureGroup([  // the window's selection outline: cyan on a dark casing (the one palette)
      L.geoJSON(f, {style: {color: PLAN.palette.selection_casing, weight: 5, fill: false}, interactive: false}),
      L.geoJSON(f, {style: {color: PLAN.palette.selection, weight: 2.5, fill: false}, interactive: false})
    ]).addTo(map);
    if (zoom) { map.fitBounds(highlight.getBounds().pad(0.8), {maxZoom: 12}); }
    if (location.hash.slice(1) !== code) { history.replaceState(null, "", "#" + code); }
    return true;
  }

  function drawCurve(svg, valueAt) {  // coverage % over the months, with a 'today' line
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    var W = 300, H = 110, L0 = 28, B = 18, T = months.length;
    var ns = "http://www.w3.org/2000/svg";
    function node(tag, attrs, text) {
      var n = document.createElementNS(ns, tag);
      Object.keys(attrs).forEach(function (k) { n.setAttribute(k, attrs[k]); });
      if (text !== undefined) { n.textContent = text; }
      svg.appendChild(n); return n;
    }
    function x(i) { return L0 + (W - L0 - 6) * i / Math.max(1, T - 1); }
    function y(v) { return 6 + (H - B - 6) * (1 - v / 100); }
    [0, 50, 100].forEach(function (v) {
      node("line", {x1: L0, x2: W - 6, y1: y(v), y2: y(v), stroke: "#ddd"});
      node("text", {x: L0 - 4, y: y(v) + 4, "text-anchor": "end", "font-size": 9, fill: "#666"}, v + "%");
    });
    for (var yr = Math.ceil(start / 12) * 12; yr < start + T; yr += 24) {
      node("text", {x: x(yr - start), y: H - 5, "text-anchor": "middle", "font-size": 9, fill: "#666"}, String(yr / 12));
    }
    var pts = [];
    for (var i = 0; i < T; i++) { pts.push(x(i).toFixed(1) + "," + y(valueAt(i)).toFixed(1)); }
    node("polyline", {points: pts.join(" "), fill: "none", stroke: PLAN.palette.eligible, "stroke-width": 2});
    var now = PLAN.meta.today_index;
    if (now >= 0 && now < T) {
      node("line", {x1: x(now), x2: x(now), y1: 4, y2: H - B, stroke: "#c0392b", "stroke-dasharray": "3,2"});
    }
  }

  // ---- territory, legend, time
  function territory() {
    var u = PLAN.territory.units;
    drawCurve($("t-curve"), function (i) { return u ? 100 * PLAN.territory.eligible[i] / u : 0; });
    var ul = $("milestones");
    while (ul.firstChild) { ul.removeChild(ul.firstChild); }
    Object.keys(PLAN.territory.milestones).forEach(function (m) {
      var month = PLAN.territory.milestones[m];
      var label = month ? quarterLabel(parseMonth(month) - start) : t("not_reached");
      ul.appendChild(el("li", t("milestone").replace("{p}", m) + t("colon") + label));
    });
  }
  function legend() {
    var box = $("legend");
    while (box.firstChild) { box.removeChild(box.firstChild); }
    function item(colour, text) {
      var it = el("span", undefined, "item"), sw = el("span", undefined, "sw");
      sw.style.background = colour; it.appendChild(sw); it.appendChild(el("span", text)); box.appendChild(it);
    }
    if (state.mode === "coverage") {
      t("classes").forEach(function (label, k) { item(COVERAGE_COLOURS[k], label); });
    } else {
      var ramp = el("div", undefined, "ramp"), ticks = el("div", undefined, "ticks");
      for (var q = 0; q <= lastQuarter; q++) { var s = el("span"); s.style.background = quarterColour(q); ramp.appendChild(s); }
      ticks.appendChild(el("span", quarterOfIndex(0))); ticks.appendChild(el("span", quarterOfIndex(lastQuarter)));
      box.appendChild(ramp); box.appendChild(ticks);
    }
    item(UNPLANNED, t("unplanned"));
  }
  function setMonth(i) {
    state.month = clamp(i, 0, months.length - 1);
    $("slider").value = state.month;
    $("month-label").textContent = monthLabel(state.month);
    if (state.mode === "coverage") { restyle(); }
  }
  function play() {
    if (state.timer) { clearInterval(state.timer); state.timer = null; $("play").textContent = t("play"); return; }
    if (state.month >= months.length - 1) { setMonth(0); }
    $("play").textContent = t("pause");
    state.timer = setInterval(function () {
      if (state.month >= months.length - 1) { play(); return; }
      setMonth(state.month + 1);
    }, 120);
  }

  // ---- search
  var index = features.map(function (f) {
    var p = f.properties;
    return {code: p.code, name: p.name, key: fold(p.name), postcodes: p.postcodes};
  });
  function matches(q) {
    var k = fold(q);
    if (!k) { return []; }
    var out = index.filter(function (r) {
      return r.key.indexOf(k) >= 0 || r.code.indexOf(k) === 0 ||
             r.postcodes.some(function (pc) { return pc.indexOf(k) === 0; });
    });
    out.sort(function (a, b) { return (b.key.indexOf(k) === 0) - (a.key.indexOf(k) === 0) || a.key.localeCompare(b.key); });
    return out.slice(0, 12);
  }
  var active = -1;
  function suggest() {
    var ul = $("suggestions"), found = matches($("search").value);
    while (ul.firstChild) { ul.removeChild(ul.firstChild); }
    active = -1;
    if (!$("search").value.trim()) { ul.hidden = true; return; }
    if (!found.length) { ul.appendChild(el("li", t("none"))); }
    found.forEach(function (r) {
      var li = el("li"); li.setAttribute("role", "option"); li.dataset.code = r.code;
      li.appendChild(el("span", r.name)); li.appendChild(el("span", r.code, "code"));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(r.code); });
      ul.appendChild(li);
    });
    ul.hidden = false;
  }
  function choose(code) {
    $("suggestions").hidden = true;
    $("search").value = byCode[code].properties.name;
    select(code, true);
  }
  $("search").addEventListener("input", suggest);
  $("search").addEventListener("keydown", function (ev) {
    var items = $("suggestions").querySelectorAll("li[data-code]");
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      active = clamp(active + (ev.key === "ArrowDown" ? 1 : -1), 0, items.length - 1);
      items.forEach(function (li, i) { li.classList.toggle("active", i === active); });
      ev.preventDefault();
    } else if (ev.key === "Enter" && items.length) {
      choose(items[Math.max(active, 0)].dataset.code);
    } else if (ev.key === "Escape") {
      $("suggestions").hidden = true;
    }
  });
  $("search").addEventListener("blur", function () { $("suggestions").hidden = true; });

  // ---- language and static text
  function applyLanguage(l) {
    lang = l;
    document.documentElement.lang = l;
    $("lang-fr").classList.toggle("on", l === "fr");
    $("lang-en").classList.toggle("on", l === "en");
    document.querySelectorAll("[data-i18n]").forEach(function (n) { n.textContent = t(n.dataset.i18n); });
    $("search").placeholder = t("search");
    $("play").textContent = state.timer ? t("pause") : t("play");
    document.title = PLAN.meta.name;
    $("project-name").textContent = PLAN.meta.name;
    $("project-date").textContent = t("generated") + " " + PLAN.meta.generated + " — " + t("scenario") + " " + PLAN.meta.scenario;
    $("sources").textContent = t("sources") + PLAN.meta.sources.map(function (s) { return s[lang]; }).join(" · ");
    legend(); territory();
    if (state.selected) { select(state.selected, false); }
  }
  $("lang-fr").addEventListener("click", function () { applyLanguage("fr"); });
  $("lang-en").addEventListener("click", function () { applyLanguage("en"); });
  document.querySelectorAll("input[name=mode]").forEach(function (r) {
    r.addEventListener("change", function () {
      state.mode = r.value; $("time").hidden = state.mode !== "coverage"; legend(); restyle();
    });
  });
  $("slider").max = months.length - 1;
  $("slider").addEventListener("input", function () { setMonth(+$("slider").value); });
  $("play").addEventListener("click", play);
  window.addEventListener("hashchange", function () { select(location.hash.slice(1), true); });

  applyLanguage(lang);
  setMonth(state.month);
  if (location.hash.length > 1) { select(decodeURIComponent(location.hash.slice(1)), true); }
  // a small handle for embedding pages and tests: the Leaflet map, select a commune, set the month
  window.RolloutPlanner = {map: map, select: select, setMonth: setMonth};
  document.body.dataset.ready = "1";
})();

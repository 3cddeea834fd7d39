(function () {
  "use strict";
  performance.mark("gk-start");
  var data = JSON.parse(document.getElementById("gk-data").textContent);
  var MAX_TIP_SOURCES = 3, MAX_LISTED = 150, MAX_TIP_FACTS = 8, TIP_FACT_CHARS = 90;
  var CONCEPT = "Thing";  // the type of concept phrases

  function el(tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined && text !== null) element.textContent = String(text);
    return element;
  }
  function plural(count, one, many) { return count + " " + (count === 1 ? one : many); }
  function short(text, limit) {
    return text.length > limit ? text.slice(0, limit - 1) + "\u2026" : text;
  }

  // Decode the compact records (see _page_data in page.py) into plain objects.
  var types = data.types.map(function (t) { return {name: t[0], colour: t[1], border: t[2]}; });
  // A node's position is laid out with the concept phrases; when some fold, n[7] is null for
  // those and the position without them for the others (view.folded: a concept phrase with a
  // fact that states a value or is in conflict does not fold).
  var nodes = data.nodes.map(function (n, i) {
    var alone = n.length > 7 && n[7] !== null ? n[7] : [n[2], n[3]];
    return {id: i, label: n[0], type: types[n[1]], x: n[2], y: n[3], aloneX: alone[0],
            aloneY: alone[1], degree: n[4], aliases: n[5], iri: n[6],
            folds: n.length > 7 && n[7] === null, edges: [], folded: []};
  });
  var edges = data.edges.map(function (e, i) {
    var edge = {id: i, from: nodes[e[0]], to: nodes[e[1]], relation: e[2], support: e[3],
                negated: (e[4] & 1) !== 0, conflict: (e[4] & 2) !== 0, sources: e[5],
                bend: e[6], near: e.length > 7 ? e[7] : []};
    edge.folds = edge.from.folds || edge.to.folds;
    edge.from.edges.push(edge);
    if (edge.to !== edge.from) edge.to.edges.push(edge);
    return edge;
  });
  // A drawn node's facts with folded concept phrases, most supported first (a stable sort:
  // ties keep the graph's edge order), listed with it while they fold (view.folded_facts).
  var foldingCount = 0, foldedFacts = 0, betweenFolding = 0;
  nodes.forEach(function (node) {
    if (node.folds) { foldingCount++; return; }
    node.folded = node.edges.filter(function (edge) { return edge.folds; });
    node.folded.sort(function (a, b) { return b.support - a.support; });
  });
  edges.forEach(function (edge) {
    if (edge.from.folds && edge.to.folds) betweenFolding++;
    else if (edge.folds) foldedFacts++;
  });
  var showConcepts = data.concepts === true || foldingCount === 0;
  function source(index) {
    var s = data.sentences[index], doc = data.docs[s[0]];
    return {title: doc[0], doc: doc[1], sentence: s[1]};
  }
  function edgeName(edge) {
    return edge.from.label + " \u2014 " + edge.relation + " \u2192 " + edge.to.label;
  }
  function edgeMeta(edge) {
    var parts = ["stated in " + plural(edge.support, "article", "articles")];
    if (edge.negated) parts.push("negated");
    if (edge.conflict) parts.push("conflicts with another source");
    return parts.join(" \u00b7 ");
  }

  // Tooltips are elements built with textContent: vis-network shows them as given.
  function nodeTip(node) {
    var tip = el("div", "gk-tip");
    tip.appendChild(el("strong", "", node.label));
    tip.appendChild(el("div", "gk-meta",
      node.type.name + " \u00b7 " + plural(node.degree, "connection", "connections")));
    if (node.aliases.length) tip.appendChild(el("div", "", "Also: " + node.aliases.join(", ")));
    if (!showConcepts && node.folded.length) {
      tip.appendChild(el("div", "gk-tip-head", "Facts with concept phrases"));
      var list = el("ul");
      node.folded.slice(0, MAX_TIP_FACTS).forEach(function (edge) {
        list.appendChild(el("li", "", short(edgeName(edge), TIP_FACT_CHARS)));
      });
      tip.appendChild(list);
      if (node.folded.length > MAX_TIP_FACTS) {
        tip.appendChild(el("div", "gk-meta", "and " + (node.folded.length - MAX_TIP_FACTS) +
                                             " more"));
      }
    }
    return tip;
  }
  function edgeTip(edge) {
    var tip = el("div", "gk-tip");
    tip.appendChild(el("strong", "", edgeName(edge)));
    tip.appendChild(el("div", "gk-meta", edgeMeta(edge)));
    var list = el("ol");
    edge.sources.slice(0, MAX_TIP_SOURCES).forEach(function (index) {
      var s = source(index), item = el("li");
      item.appendChild(el("cite", "", s.title));
      item.appendChild(document.createTextNode(": \u201c" + short(s.sentence.trim(), 240) +
                                               "\u201d"));
      list.appendChild(item);
    });
    tip.appendChild(list);
    if (edge.sources.length > MAX_TIP_SOURCES) {
      tip.appendChild(el("div", "gk-meta", "and " + (edge.sources.length - MAX_TIP_SOURCES) +
                                           " more: click the line"));
    }
    return tip;
  }

  function position(node) {  // where a node is drawn, as concept phrases are shown or not
    return showConcepts ? [node.x, node.y] : [node.aloneX, node.aloneY];
  }
  function placed(node) {
    var at = position(node);
    return {id: node.id, x: at[0], y: at[1], title: nodeTip(node)};
  }
  var visNodes = new vis.DataSet(nodes.map(function (node) {
    var t = node.type, at = position(node);
    return {
      id: node.id, label: short(node.label, 32), x: at[0], y: at[1], value: node.degree,
      title: nodeTip(node), gkType: t.name,
      color: {background: t.colour, border: t.border,
              highlight: {background: t.colour, border: "#1f2933"},
              hover: {background: t.colour, border: "#1f2933"}}
    };
  }));
  var visEdges = new vis.DataSet(edges.map(function (edge) {
    var item = {
      id: edge.id, from: edge.from.id, to: edge.to.id, label: short(edge.relation, 40),
      width: Math.min(1 + 1.5 * (edge.support - 1), 8), title: edgeTip(edge),
      gkRelation: edge.relation
    };
    if (edge.conflict) {
      item.color = {color: "#d62728", highlight: "#a51d1f", hover: "#a51d1f"};
      item.dashes = [8, 5];
    } else if (edge.negated) {
      item.color = {color: "#7b8794", highlight: "#323f4b", hover: "#323f4b"};
      item.dashes = [2, 4];
    }
    if (edge.bend) {
      item.smooth = {enabled: true, type: edge.bend > 0 ? "curvedCW" : "curvedCCW",
                     roundness: Math.abs(edge.bend)};
    }
    return item;
  }));

  performance.mark("gk-data");

  // Filters: concept phrases folded, hidden entity types, one chosen relation.
  // Keyed by names from articles: maps without a prototype, so "__proto__" is just a name.
  function table() { return Object.create(null); }
  var hiddenTypes = table(), relation = "", relationNodes = null;
  function visible(node) {
    return (showConcepts || !node.folds) && !hiddenTypes[node.type.name] &&
      (relationNodes === null || relationNodes[node.id] === true);
  }
  var nodeView = new vis.DataView(visNodes, {filter: function (item) {
    return visible(nodes[item.id]);
  }});
  var edgeView = new vis.DataView(visEdges, {filter: function (item) {
    var edge = edges[item.id];
    return (relation === "" || edge.relation === relation) && visible(edge.from) &&
      visible(edge.to);
  }});
  function refresh() { nodeView.refresh(); edgeView.refresh(); }

  var big = edges.length > 2000 || nodes.length > 1500;
  var container = document.getElementById("gk-map");
  // Hubs and their labels grow as the map zooms out, so they stay readable at every zoom
  // (vis-network 9.1.2's scaling.label.maxVisible only fades labels, it does not cap them).
  var opening = nodes.filter(function (n) { return showConcepts || !n.folds; });
  var xs = opening.map(function (n) { return position(n)[0]; });
  var ys = opening.map(function (n) { return position(n)[1]; });
  var fitScale = opening.length ? Math.min(
    container.clientWidth / (Math.max.apply(null, xs) - Math.min.apply(null, xs) + 200),
    container.clientHeight / (Math.max.apply(null, ys) - Math.min.apply(null, ys) + 200)) : 1;
  function hubScaling(scale) {
    return {max: Math.min(Math.max(22, 9 / scale), 90),
            label: {max: Math.min(Math.max(22, 16 / scale), 240)}};
  }
  var hubs = hubScaling(fitScale);
  var network = new vis.Network(container, {nodes: nodeView, edges: edgeView}, {
    autoResize: true,
    physics: {enabled: false},
    layout: {improvedLayout: false},
    nodes: {
      shape: "dot", borderWidth: 1.5, borderWidthSelected: 3,
      scaling: {
        min: 6, max: hubs.max,
        label: {enabled: true, min: 13, max: hubs.label.max, maxVisible: 20, drawThreshold: 9},
        customScalingFunction: function (min, max, total, value) {
          return max === min ? 0.5 : Math.sqrt((value - min) / (max - min));
        }
      },
      font: {face: "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif",
             color: "#1f2933", strokeWidth: 4, strokeColor: "rgba(255,255,255,0.9)"},
    },
    edges: {
      arrows: {to: {enabled: true, scaleFactor: 0.55}},
      color: {color: "#a3aebb", highlight: "#1f2933", hover: "#52606d", inherit: false,
              opacity: edges.length > 600 ? 0.5 : 1},
      font: {size: 10, color: "#52606d", face: "system-ui, sans-serif", strokeWidth: 3,
             strokeColor: "#ffffff"},  // align "middle" misplaces labels of level edges (9.1.2)
      smooth: false, selectionWidth: 1.5, hoverWidth: 0.5
    },
    interaction: {hover: true, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
                  navigationButtons: false, keyboard: false, multiselect: false}
  });

  var rescaling = null;
  function rescaleHubs(delay) {
    clearTimeout(rescaling);
    rescaling = setTimeout(function () {
      var next = hubScaling(network.getScale());
      if (Math.abs(next.label.max - hubs.label.max) > 0.1 * hubs.label.max) {
        hubs = next;
        network.setOptions({nodes: {scaling: next}});
        network.body.emitter.emit("_dataChanged");  // 9.1.2 resizes nodes only on new data
      }
    }, delay);
  }
  network.on("zoom", function () { rescaleHubs(250); });

  var details = document.getElementById("gk-details");
  var detailsBody = document.getElementById("gk-details-body");
  function link(text, onClick) {
    var button = el("button", "gk-link", text);
    button.type = "button";
    button.addEventListener("click", onClick);
    return button;
  }
  function showDetails(parts) {
    detailsBody.textContent = "";
    parts.forEach(function (part) { detailsBody.appendChild(part); });
    details.hidden = false;
  }
  function hideDetails() { details.hidden = true; detailsBody.textContent = ""; }
  function nodeDetails(node) {
    var parts = [el("h2", "", node.label),
                 el("p", "gk-meta", node.type.name + " \u00b7 " +
                    plural(node.degree, "connection", "connections"))];
    if (node.aliases.length) {
      parts.push(el("h3", "", "Also called"));
      var aliases = el("ul");
      node.aliases.forEach(function (a) { aliases.appendChild(el("li", "", a)); });
      parts.push(aliases);
    }
    var drawn = node.edges, folded = [];
    if (!showConcepts) {
      drawn = node.edges.filter(function (edge) { return !edge.folds; });
      folded = node.folded;
    }
    listEdges(parts, "Relations", drawn, selectEdge);
    listEdges(parts, "Facts with concept phrases", folded, function (edge) {
      network.unselectAll();  // the line is not drawn: its sources are shown all the same
      showDetails(edgeDetails(edge));
    });
    parts.push(el("h3", "", "Identifier"), el("p", "gk-iri", node.iri));
    return parts;
  }
  function listEdges(parts, heading, list, onClick) {
    if (!list.length) return;
    parts.push(el("h3", "", heading + " (" + list.length + ")"));
    var items = el("ul");
    list.slice(0, MAX_LISTED).forEach(function (edge) {
      var item = el("li");
      item.appendChild(link(edgeName(edge), function () { onClick(edge); }));
      items.appendChild(item);
    });
    parts.push(items);
    if (list.length > MAX_LISTED) {
      parts.push(el("p", "gk-meta", "and " + (list.length - MAX_LISTED) + " more"));
    }
  }
  function edgeDetails(edge) {
    var heading = el("h2");
    heading.appendChild(link(edge.from.label, function () { selectNode(edge.from); }));
    heading.appendChild(document.createTextNode(" \u2014 " + edge.relation + " \u2192 "));
    heading.appendChild(link(edge.to.label, function () { selectNode(edge.to); }));
    var parts = [heading, el("p", "gk-meta", edgeMeta(edge))];
    if (edge.conflict) parts.push(el("span", "gk-flag", "conflict"));
    if (edge.negated) parts.push(el("span", "gk-flag", "negated"));
    parts.push(el("h3", "", "Sources"));
    var list = el("ol");
    edge.sources.forEach(function (index) {
      var s = source(index), item = el("li", "gk-source");
      item.appendChild(el("cite", "", s.title));
      item.appendChild(el("q", "", s.sentence.trim()));
      if (s.doc !== s.title) item.appendChild(el("span", "gk-iri", s.doc));
      list.appendChild(item);
    });
    parts.push(list);
    if (edge.near.length) {
      // Facts on the same two entities that other sources word differently: never merged.
      parts.push(el("h3", "", "Nearly the same (" + edge.near.length + ")"));
      var near = el("ul");
      edge.near.forEach(function (match) {
        near.appendChild(el("li", "gk-near", match[0] + " \u2192 " + edge.to.label +
                                             " (" + match[1].toFixed(2) + ")"));
      });
      parts.push(near);
    }
    return parts;
  }
  function selectNode(node) {
    if (node.folds && !showConcepts) setConcepts(true);
    if (hiddenTypes[node.type.name]) { delete hiddenTypes[node.type.name]; syncLegend(); }
    if (relationNodes !== null && !relationNodes[node.id]) setRelation("");
    network.selectNodes([node.id]);
    var glide = big ? false : {duration: 400, easingFunction: "easeInOutQuad"};
    network.focus(node.id, {scale: Math.max(network.getScale(), 1), animation: glide});
    rescaleHubs(glide ? 450 : 0);
    showDetails(nodeDetails(node));
  }
  function selectEdge(edge) {
    if (edge.folds && !showConcepts) setConcepts(true);
    if (relation !== "" && relation !== edge.relation) setRelation("");
    network.selectEdges([edge.id]);
    showDetails(edgeDetails(edge));
  }
  network.on("click", function (params) {
    if (params.nodes.length) showDetails(nodeDetails(nodes[params.nodes[0]]));
    else if (params.edges.length) showDetails(edgeDetails(edges[params.edges[0]]));
    else hideDetails();
  });
  document.getElementById("gk-close").addEventListener("click", function () {
    network.unselectAll();
    hideDetails();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { network.unselectAll(); hideDetails(); }
  });
  // vis-network fits the dots, not their labels: leave a margin for the labels at the edges.
  function fitAll(animation) {
    var before = {position: network.getViewPosition(), scale: network.getScale()};
    network.fit();
    var target = {position: network.getViewPosition(), scale: 0.9 * network.getScale()};
    if (animation) {
      network.moveTo(before);
      target.animation = animation;
    }
    network.moveTo(target);
  }
  document.getElementById("gk-fit").addEventListener("click", function () {
    fitAll({duration: 300});
    rescaleHubs(350);
  });

  // Legend: one toggle per entity type present; concept phrases have their own box below.
  var legend = document.getElementById("gk-legend");
  var typeCounts = table();
  nodes.forEach(function (n) { typeCounts[n.type.name] = (typeCounts[n.type.name] || 0) + 1; });
  var legendButtons = table();
  types.forEach(function (t) {
    if (t.name === CONCEPT && foldingCount) return;
    var button = el("button"), item = el("li"), swatch = el("span", "gk-swatch");
    button.type = "button";
    button.setAttribute("aria-pressed", "true");
    button.title = "show or hide " + t.name;
    swatch.style.background = t.colour;
    swatch.style.borderColor = t.border;
    button.appendChild(swatch);
    button.appendChild(el("span", "gk-name", t.name));
    button.appendChild(el("span", "gk-count", typeCounts[t.name] || 0));
    button.addEventListener("click", function () {
      if (hiddenTypes[t.name]) delete hiddenTypes[t.name]; else hiddenTypes[t.name] = true;
      syncLegend();
      refresh();
    });
    legendButtons[t.name] = button;
    item.appendChild(button);
    legend.appendChild(item);
  });
  function syncLegend() {
    Object.keys(legendButtons).forEach(function (name) {
      legendButtons[name].setAttribute("aria-pressed", hiddenTypes[name] ? "false" : "true");
    });
  }

  // Relation filter: the relations drawn, most frequent first (rebuilt as concepts show or fold).
  var relationSelect = document.getElementById("gk-relation");
  function listRelations() {
    var relationCounts = table();
    edges.forEach(function (e) {
      if (showConcepts || !e.folds) {
        relationCounts[e.relation] = (relationCounts[e.relation] || 0) + 1;
      }
    });
    while (relationSelect.options.length > 1) relationSelect.remove(1);
    Object.keys(relationCounts).sort(function (a, b) {
      return relationCounts[b] - relationCounts[a] || (a < b ? -1 : a > b ? 1 : 0);
    }).forEach(function (name) {
      var option = el("option", "", short(name, 40) + " (" + relationCounts[name] + ")");
      option.value = name;
      relationSelect.appendChild(option);
    });
    return relationCounts;
  }
  listRelations();
  function setRelation(name) {
    relation = name;
    relationSelect.value = name;
    if (name === "") relationNodes = null;
    else {
      relationNodes = table();
      edges.forEach(function (e) {
        if (e.relation === name) { relationNodes[e.from.id] = true; relationNodes[e.to.id] = true; }
      });
    }
    refresh();
  }
  relationSelect.addEventListener("change", function () { setRelation(relationSelect.value); });

  // Concept phrases: folded into their entities' facts, or drawn (with their own layout).
  var conceptBox = document.getElementById("gk-concepts-toggle");
  var conceptStatus = document.getElementById("gk-concepts-status");
  var conceptCount = nodes.filter(function (n) { return n.type.name === CONCEPT; }).length;
  function describeConcepts() {
    var text = plural(conceptCount, "concept phrase", "concept phrases") + ", in grey";
    if (!showConcepts) {
      text += ": " + foldingCount + " folded, their " + plural(foldedFacts, "fact", "facts") +
        " listed with the entities (hover or click one)";
      if (betweenFolding) text += "; " + betweenFolding + " more between two of them";
      if (conceptCount > foldingCount) {
        text += "; " + (conceptCount - foldingCount) + " drawn: they state a value or conflict";
      }
    }
    conceptStatus.textContent = text + ".";
  }
  function setConcepts(on) {
    showConcepts = on;
    conceptBox.checked = on;
    describeConcepts();
    network.unselectAll();
    hideDetails();
    visNodes.update(nodes.filter(function (n) { return !n.folds; }).map(placed));
    var counts = listRelations();
    if (relation !== "" && !(relation in counts)) setRelation("");
    else { relationSelect.value = relation; refresh(); }
    fitAll(null);
    rescaleHubs(0);
  }
  if (foldingCount) {
    var conceptSwatch = document.getElementById("gk-concepts-swatch");
    types.forEach(function (t) {
      if (t.name !== CONCEPT) return;
      conceptSwatch.style.background = t.colour;
      conceptSwatch.style.borderColor = t.border;
    });
    conceptBox.checked = showConcepts;
    describeConcepts();
    conceptBox.addEventListener("change", function () { setConcepts(conceptBox.checked); });
    document.getElementById("gk-concepts").hidden = false;
  }

  // Search: exact name or alias first, then the best-connected name containing the text.
  var names = document.getElementById("gk-names");
  var byName = table(), nameList = [];
  nodes.slice().sort(function (a, b) { return b.degree - a.degree; }).forEach(function (node) {
    [node.label].concat(node.aliases).forEach(function (name) {
      var key = name.toLowerCase();
      if (!(key in byName)) {
        byName[key] = node;
        nameList.push(key);
        var option = el("option");
        option.value = name;
        names.appendChild(option);
      }
    });
  });
  var search = document.getElementById("gk-search");
  var searchStatus = document.getElementById("gk-search-status");
  function find() {
    var wanted = search.value.trim().toLowerCase();
    if (!wanted) { searchStatus.textContent = ""; return; }
    var node = byName[wanted];
    if (!node) {
      for (var i = 0; i < nameList.length && !node; i++) {
        if (nameList[i].indexOf(wanted) !== -1) node = byName[nameList[i]];
      }
    }
    if (!node) { searchStatus.textContent = "No entity on this map is called that."; return; }
    searchStatus.textContent = "";
    selectNode(node);
  }
  search.addEventListener("keydown", function (event) { if (event.key === "Enter") find(); });
  search.addEventListener("input", function (event) {  // a name picked from the suggestions
    if (!event.inputType || event.inputType === "insertReplacementText") find();
  });

  if (!nodes.length) container.appendChild(el("p", "gk-empty", "Nothing to draw in this view."));
  network.once("afterDrawing", function () {  // marked once that drawing is on screen
    requestAnimationFrame(function () {
      setTimeout(function () {
        document.body.setAttribute("data-ready", String(Math.round(performance.now())));
      }, 0);
    });
  });
  fitAll(null);
  performance.mark("gk-built");
  window.graphkitMap = {
    network: network, nodes: visNodes, edges: visEdges, shownNodes: nodeView,
    shownEdges: edgeView, concepts: setConcepts,
    shown: function () { return {nodes: nodeView.length, edges: edgeView.length}; }
  };
})();

"use strict";
(function () {
  var started = performance.now();
  var data = JSON.parse(document.getElementById("run-data").textContent);
  var S = data.strings;
  var PAGE = 200;
  var state = { status: "all", text: "", shown: PAGE };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function pct(x) { return (x * 100).toFixed(1) + "%"; }

  // rows: one per case (file + case id + repeat); cells: one per model
  var rows = [], byKey = {};
  data.trials.forEach(function (t) {
    var key = t.c + "|" + t.r;
    var row = byKey[key];
    if (!row) {
      row = { file: t.f, label: t.l, repeat: t.r, vars: t.v, cells: {}, statuses: {}, text: "" };
      byKey[key] = row;
      rows.push(row);
    }
    row.cells[t.m] = t;
    row.statuses[t.s] = true;
    row.text += " " + S[t.f] + " " + S[t.l] + " " + S[t.v] + " " + (t.o >= 0 ? S[t.o] : "") + " " + (t.e >= 0 ? S[t.e] : "");
  });
  rows.forEach(function (r) { r.text = r.text.toLowerCase(); });

  function cards() {
    var box = document.getElementById("cards");
    data.models.forEach(function (m) {
      var c = el("div", "card");
      c.appendChild(el("h2", null, m.id));
      c.appendChild(el("div", "rate", pct(m.passRate)));
      var bar = el("div", "bar"), fill = el("span");
      fill.style.width = (m.passRate * 100).toFixed(1) + "%";
      bar.appendChild(fill);
      c.appendChild(bar);
      c.appendChild(el("div", "ci", "95% CI " + pct(m.low) + " – " + pct(m.high) + " · " + m.passed + "/" + m.decided + " passed"));
      c.appendChild(el("div", "facts", m.failed + " failed · " + m.errors + " errors · " + m.skipped + " skipped"));
      c.appendChild(el("div", "facts", "latency p50 " + m.p50 + " ms · p95 " + m.p95 + " ms"));
      c.appendChild(el("div", "facts", "tokens " + m.inputTokens + " in / " + m.outputTokens + " out" +
        (m.cost === null ? " · cost unknown" : " · $" + m.cost.toFixed(4))));
      if (m.fromCache || m.replayed) {
        c.appendChild(el("div", "facts", "answers: " + [
          m.fromCache ? m.fromCache + " from cache" : "",
          m.replayed ? m.replayed + " replayed from recordings" : ""].filter(Boolean).join(" · ")));
      }
      box.appendChild(c);
    });
  }

  function matches(row) {
    if (state.status !== "all" && !row.statuses[state.status]) return false;
    return !state.text || row.text.indexOf(state.text) >= 0;
  }

  function lazyDetails(label, build) {
    var d = el("details"), s = el("summary", null, label), done = false;
    d.appendChild(s);
    d.addEventListener("toggle", function () {
      if (d.open && !done) { done = true; build(d); }
    });
    return d;
  }

  function cell(t) {
    var td = el("td", t.s);
    td.appendChild(el("span", "badge " + t.s, t.s));
    if (t.a) {
      var src = el("span", "source " + t.a, t.a === "cache" ? "from cache" : "replayed");
      src.title = t.a === "cache" ? "answered from the response cache, not a live call" : "answered from a --replay recording, not a live call";
      td.appendChild(document.createTextNode(" "));
      td.appendChild(src);
    }
    var facts = t.e >= 0 ? "" : " " + t.ms + " ms";
    td.appendChild(document.createTextNode(facts));
    if (t.e >= 0) td.appendChild(el("pre", null, S[t.e]));
    if (t.k.length) {
      var ul = el("ul", "checks");
      t.k.forEach(function (k) {
        var li = el("li", k.s);
        li.appendChild(el("strong", null, S[k.n] + ": "));
        li.appendChild(document.createTextNode(S[k.r]));
        ul.appendChild(li);
      });
      td.appendChild(ul);
    }
    if (t.o >= 0) {
      td.appendChild(lazyDetails("output", function (d) { d.appendChild(el("pre", "output", S[t.o])); }));
    }
    td.appendChild(lazyDetails("prompt", function (d) {
      t.p.forEach(function (msg) {
        d.appendChild(el("div", "role", msg[0]));
        d.appendChild(el("pre", null, S[msg[1]]));
      });
    }));
    return td;
  }

  function render() {
    var body = document.getElementById("rows");
    body.textContent = "";
    var visible = rows.filter(matches);
    visible.slice(0, state.shown).forEach(function (r) {
      var tr = el("tr");
      var c = el("td", "case");
      c.appendChild(el("div", null, S[r.label] + (r.repeat > 0 ? " · repeat " + (r.repeat + 1) : "")));
      c.appendChild(el("div", "file", S[r.file]));
      c.appendChild(el("div", "vars", S[r.vars]));
      tr.appendChild(c);
      data.models.forEach(function (m, i) {
        tr.appendChild(r.cells[i] ? cell(r.cells[i]) : el("td", null, "–"));
      });
      body.appendChild(tr);
    });
    document.getElementById("count").textContent = Math.min(state.shown, visible.length) + " of " + visible.length + " cases";
    var more = document.getElementById("more");
    more.hidden = visible.length <= state.shown;
    more.textContent = "Show " + Math.min(PAGE, visible.length - state.shown) + " more";
  }

  function head() {
    var tr = document.getElementById("head");
    tr.appendChild(el("th", "case", "Case"));
    data.models.forEach(function (m) { tr.appendChild(el("th", null, m.id)); });
  }

  function filters() {
    document.querySelectorAll("[data-status]").forEach(function (b) {
      b.addEventListener("click", function () {
        document.querySelectorAll("[data-status]").forEach(function (x) { x.classList.remove("on"); });
        b.classList.add("on");
        state.status = b.getAttribute("data-status");
        state.shown = PAGE;
        render();
      });
    });
    var timer;
    document.getElementById("search").addEventListener("input", function (e) {
      clearTimeout(timer);
      timer = setTimeout(function () { state.text = e.target.value.trim().toLowerCase(); state.shown = PAGE; render(); }, 150);
    });
    document.getElementById("more").addEventListener("click", function () { state.shown += PAGE; render(); });
  }

  cards();
  head();
  filters();
  render();
  var ms = Math.round(performance.now() - started);
  document.body.setAttribute("data-render-ms", String(ms));
  document.getElementById("rendered").textContent = "Rendered " + data.trials.length + " trials in " + ms + " ms.";
})();

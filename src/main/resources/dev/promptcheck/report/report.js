"use strict";
(function () {
  // The grid's rows arrive as gzipped, base64-encoded JSON (see PackedData): inflated with the
  // browser's own DecompressionStream, then drawn a page at a time. Every text from the run reaches
  // the page through textContent only.
  var started = performance.now();
  var PAGE = 100;
  var state = { status: "all", text: "", page: 0 };
  var data, S, rows, lower = [];

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function str(i) { return i >= 0 ? S[i] : ""; }
  function low(i) {
    if (i < 0) return "";
    var s = lower[i];
    if (s === undefined) s = lower[i] = S[i].toLowerCase();
    return s;
  }

  // chunks gathered, then decoded once: faster than Response.text() on tens of megabytes
  function inflate(node) {
    var bin = atob(node.textContent), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip")).getReader();
    var parts = [], total = 0;
    function next(x) {
      if (x.done) {
        var all = new Uint8Array(total), at = 0;
        parts.forEach(function (p) { all.set(p, at); at += p.length; });
        return new TextDecoder().decode(all);
      }
      parts.push(x.value);
      total += x.value.length;
      return reader.read().then(next);
    }
    return reader.read().then(next);
  }

  function statuses(row) {
    if (row.statuses) return row.statuses;
    var s = {};
    row.c.forEach(function (cell) {
      if (!cell) return;
      s[cell.s] = true;
      if (cell.b) s[cell.b] = true;
      cell.t.forEach(function (t) { s[t.s] = true; });
    });
    return (row.statuses = s);
  }

  function hasText(row, q) {
    if (low(row.f).indexOf(q) >= 0 || low(row.l).indexOf(q) >= 0 || low(row.v).indexOf(q) >= 0) return true;
    for (var m = 0; m < row.c.length; m++) {
      var cell = row.c[m];
      if (!cell) continue;
      for (var i = 0; i < cell.t.length; i++) {
        var t = cell.t[i];
        if (low(t.o).indexOf(q) >= 0 || low(t.e).indexOf(q) >= 0 || (t.c >= 0 && low(t.c).indexOf(q) >= 0)) return true;
        for (var k = 0; k < t.k.length; k++) {
          if (low(t.k[k][2]).indexOf(q) >= 0) return true;
        }
      }
    }
    return false;
  }

  function matches(row) {
    if (state.status !== "all" && !statuses(row)[state.status]) return false;
    return !state.text || hasText(row, state.text);
  }

  function lazyDetails(label, build, cls) {
    var d = el("details", cls), s = el("summary", null, label), done = false;
    d.appendChild(s);
    d.addEventListener("toggle", function () {
      if (d.open && !done) { done = true; build(d); }
    });
    return d;
  }

  function checks(t) {
    var ul = el("ul", "checks");
    t.k.forEach(function (k) {
      var li = el("li", k[1]);
      li.appendChild(el("strong", null, str(k[0]) + ": "));
      li.appendChild(document.createTextNode(str(k[2])));
      ul.appendChild(li);
    });
    return ul;
  }

  function source(t, box) {
    if (!t.a) return;
    var src = el("span", "source " + t.a, t.a === "cache" ? "from cache" : "replayed");
    src.title = t.a === "cache" ? "answered from the response cache, not a live call" : "answered from a --replay recording, not a live call";
    box.appendChild(document.createTextNode(" "));
    box.appendChild(src);
  }

  function prompt(t) {
    return lazyDetails("prompt", function (d) {
      t.m.forEach(function (msg) {
        d.appendChild(el("div", "role", msg[0]));
        d.appendChild(el("pre", null, str(msg[1])));
      });
    });
  }

  // one trial in full: status, checks (failing ones highlighted), error, output, prompt
  function trial(t, box, open) {
    if (t.e >= 0) box.appendChild(el("pre", "error", str(t.e)));
    if (t.k.length) box.appendChild(checks(t));
    if (t.c >= 0) box.appendChild(el("pre", "toolcalls", str(t.c)));
    if (t.o >= 0 && !(t.c >= 0 && str(t.o) === "")) { // a tool-only answer has no text to show
      if (open) box.appendChild(el("pre", "output", str(t.o)));
      else box.appendChild(lazyDetails("output", function (d) { d.appendChild(el("pre", "output", str(t.o))); }));
    }
    box.appendChild(prompt(t));
  }

  function cell(c) {
    var td = el("td", c.s + (c.b ? " " + c.b : ""));
    var head = el("div", "cellhead");
    var one = c.t.length === 1;
    head.appendChild(el("span", "badge " + c.s, one ? c.t[0].s : c.p + "/" + c.n));
    if (!one) head.appendChild(el("span", "facts", c.s === "flaky" ? " flaky · " + c.t.length + " repeats" : " " + c.t.length + " repeats"));
    if (c.b) head.appendChild(el("span", "mark " + c.b, c.b === "regression" ? "regressed" : "fixed"));
    if (one) {
      source(c.t[0], head);
      if (c.t[0].e < 0) head.appendChild(document.createTextNode(" " + c.t[0].ms + " ms"));
    }
    td.appendChild(head);
    if (one) {
      trial(c.t[0], td, true);
      return td;
    }
    // the first repeat that did not pass is shown open (else the first), the others folded
    var shown = 0;
    for (var i = 0; i < c.t.length; i++) if (c.t[i].s !== "pass") { shown = i; break; }
    c.t.forEach(function (t, i) {
      var label = "repeat " + (t.r + 1) + ": " + t.s + (t.e < 0 ? " · " + t.ms + " ms" : "");
      if (i === shown) {
        var box = el("div", "repeat open " + t.s);
        var h = el("div", "repeathead", label);
        source(t, h);
        box.appendChild(h);
        trial(t, box, true);
        td.appendChild(box);
      } else {
        td.appendChild(lazyDetails(label, function (d) { source(t, d.firstChild); trial(t, d, true); }, "repeat " + t.s));
      }
    });
    return td;
  }

  function render() {
    var body = document.getElementById("rows");
    body.textContent = "";
    var visible = [];
    for (var i = 0; i < rows.length; i++) if (matches(rows[i])) visible.push(rows[i]);
    var pages = Math.max(1, Math.ceil(visible.length / PAGE));
    if (state.page >= pages) state.page = pages - 1;
    var from = state.page * PAGE, to = Math.min(visible.length, from + PAGE);
    for (var r = from; r < to; r++) {
      var row = visible[r], tr = el("tr");
      var c = el("td", "case");
      c.appendChild(el("div", "label", str(row.l)));
      c.appendChild(el("div", "file", str(row.f)));
      c.appendChild(el("div", "vars", str(row.v)));
      tr.appendChild(c);
      for (var m = 0; m < data.models.length; m++) {
        tr.appendChild(row.c[m] ? cell(row.c[m]) : el("td", "absent", "–"));
      }
      body.appendChild(tr);
    }
    document.getElementById("count").textContent = visible.length + " of " + rows.length + " cases";
    document.getElementById("page").textContent = visible.length ? "cases " + (from + 1) + "–" + to + " of " + visible.length + " · page " + (state.page + 1) + " of " + pages : "no case matches";
    document.getElementById("prev").hidden = state.page === 0;
    document.getElementById("next").hidden = state.page >= pages - 1;
  }

  function filters() {
    document.querySelectorAll("[data-status]").forEach(function (b) {
      b.addEventListener("click", function () {
        document.querySelectorAll("[data-status]").forEach(function (x) { x.classList.remove("on"); });
        b.classList.add("on");
        state.status = b.getAttribute("data-status");
        state.page = 0;
        render();
      });
    });
    var timer;
    document.getElementById("search").addEventListener("input", function (e) {
      clearTimeout(timer);
      timer = setTimeout(function () { state.text = e.target.value.trim().toLowerCase(); state.page = 0; render(); }, 150);
    });
    document.getElementById("prev").addEventListener("click", function () { state.page--; render(); });
    document.getElementById("next").addEventListener("click", function () { state.page++; render(); });
  }

  function failed(e) {
    document.getElementById("rendered").textContent = "The case grid could not be shown: " + e;
    document.body.setAttribute("data-render-error", String(e));
  }

  try {
    inflate(document.getElementById("run-data")).then(function (text) {
      data = JSON.parse(text);
      S = data.strings;
      rows = data.rows;
      filters();
      render();
      var ms = Math.round(performance.now() - started);
      document.body.setAttribute("data-render-ms", String(ms));
      document.getElementById("rendered").textContent = "Grid data of " + data.trials + " trials (" + rows.length + " cases) read and drawn in " + ms + " ms.";
    }).catch(failed);
  } catch (e) {
    failed(e);
  }
})();

// Live lookup for the page at "/": results as you type, from GET /v1/resolve. Without JavaScript the form
// submits to the same page, which renders the same table on the server.
"use strict";
(function () {
  const form = document.getElementById("lookup");
  const input = document.getElementById("q");
  const typeSelect = document.getElementById("type");
  const results = document.getElementById("results");
  if (!form || !input || !results || !window.fetch) return;
  let timer = null;
  let inflight = null;

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    for (const child of children || []) node.append(child);
    return node;
  }

  function entityLink(id, name) {
    return el("a", { href: "/entities/" + encodeURIComponent(id), dir: "auto" }, [name]);
  }

  function render(result) {
    const decision = el("p", { class: "decision " + result.status, "data-status": result.status },
      [el("strong", {}, [result.status])]);
    if (result.match) decision.append(": ", entityLink(result.match.id, result.match.name));
    decision.append(" ", el("span", { class: "reason", dir: "auto" }, ["— " + result.reason]));
    const nodes = [decision];
    if (result.candidates.length) {
      const body = el("tbody");
      for (const c of result.candidates) {
        const why = [c.method, c.kind];
        if (c.validity) why.push(c.validity);
        if (c.weak) why.push("weak");
        if (c.shared) why.push("shared");
        const row = el("tr", {}, [
          el("td", {}, [entityLink(c.id, c.name)]), el("td", {}, [c.type]),
          el("td", { class: "num" }, [String(c.score)]), el("td", {}, [el("bdi", {}, [c.alias])]),
          el("td", {}, [why.join(" · ")]),
        ]);
        if (result.match && result.match.id === c.id) row.className = "match";
        body.append(row);
      }
      const head = el("thead", {}, [el("tr", {}, ["entity", "type", "score", "matched alias", "why"]
        .map((h) => el("th", {}, [h])))]);
      nodes.push(el("table", { class: "candidates" }, [head, body]));
    }
    results.replaceChildren(...nodes);
  }

  function showError(message) {
    results.replaceChildren(el("p", { class: "decision error" }, [message]));
  }

  async function lookup() {
    const q = input.value;
    const params = new URLSearchParams();
    if (q.trim()) params.set("q", q);
    if (typeSelect && typeSelect.value) params.set("type", typeSelect.value);
    history.replaceState(null, "", params.toString() ? "?" + params : location.pathname);
    if (!q.trim()) { results.replaceChildren(); return; }
    if (inflight) inflight.abort();
    inflight = new AbortController();
    try {
      const response = await fetch("/v1/resolve?" + params, { signal: inflight.signal });
      const body = await response.json();
      if (!response.ok) { showError(body.error ? body.error.message : "the lookup failed"); return; }
      if (body.query === input.value) render(body);
    } catch (err) {
      if (err.name !== "AbortError") showError("the service could not be reached: " + err.message);
    }
  }

  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(lookup, 120); });
  if (typeSelect) typeSelect.addEventListener("change", lookup);
  form.addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(timer); lookup(); });
})();

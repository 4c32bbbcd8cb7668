import Diagrams

/// The console's one style sheet and one script, served from `/static/` (the
/// Content-Security-Policy allows no inline script or style).
enum Assets {
    /// The file named `name`: its bytes and content type.
    static func file(named name: String) -> (body: String, contentType: String)? {
        switch name {
        case "console.css": (css, "text/css; charset=utf-8")
        case "console.js": (script, "text/javascript; charset=utf-8")
        default: nil
        }
    }

    /// The status colours of the CLI's diagrams (`host graph`), one class a status: `s-` for a
    /// state's path status, `st-` for an execution's status.
    static let statusColours: String = {
        var rules = PathStatus.allCases.map { status in
            let colours = Palette.colours(status)
            return ".s-\(status.rawValue){background:\(colours.fill);border-color:\(colours.line);color:\(colours.text)}"
        }
        let executionStatuses: [(String, PathStatus)] = [("RUNNING", .inProgress), ("SUCCEEDED", .succeeded), ("FAILED", .failed),
                                                         ("TIMED_OUT", .failed), ("ABORTED", .cancelled), ("PENDING_REDRIVE", .cancelled)]
        for (status, path) in executionStatuses {
            let colours = Palette.colours(path)
            rules.append(".st-\(status){background:\(colours.fill);border-color:\(colours.line);color:\(colours.text)}")
        }
        return rules.joined(separator: "\n")
    }()

    static let css = #"""
    :root{color-scheme:light dark;--bg:#ffffff;--fg:#16191f;--muted:#545b64;--line:#d5dbdb;--panel:#f2f3f3;--link:#0073bb;--focus:#ec7211;--error:#d13212}
    @media (prefers-color-scheme: dark){:root{--bg:#16191f;--fg:#eaeded;--muted:#aab7b8;--line:#414750;--panel:#232f3e;--link:#44b9d6;--focus:#ff9900;--error:#ff5d64}}
    *{box-sizing:border-box}
    body{margin:0;font:15px/1.45 Helvetica,Arial,sans-serif;background:var(--bg);color:var(--fg)}
    a{color:var(--link)}
    :focus-visible{outline:3px solid var(--focus);outline-offset:2px}
    .skip{position:absolute;left:-10000px}.skip:focus{left:8px;top:8px;background:var(--bg);padding:4px}
    header.top{display:flex;gap:1.5em;align-items:center;padding:.6em 1.2em;background:#232f3e;color:#fff}
    header.top a{color:#fff}.brand{font-weight:bold;text-decoration:none}
    header.top .signout{margin-left:auto}
    main{padding:1em 1.5em;max-width:90em}
    table{border-collapse:collapse;width:100%;margin:.5em 0}
    th,td{border-bottom:1px solid var(--line);padding:.35em .5em;text-align:left;vertical-align:top}
    th{background:var(--panel)}
    pre{margin:0;white-space:pre-wrap;word-break:break-word;font:13px/1.4 ui-monospace,Menlo,Consolas,monospace}
    .meta{color:var(--muted)}
    .badge{display:inline-block;border:1px solid var(--line);border-radius:3px;padding:0 .4em;font-size:.85em;text-decoration:none}
    .error{color:var(--error);min-height:1em;margin:.2em 0}
    label{display:block;margin-top:.5em;font-weight:bold}
    input,textarea,button{font:inherit;color:inherit;background:var(--bg);border:1px solid var(--muted);border-radius:3px;padding:.3em .5em}
    textarea{width:100%;max-width:50em;font-family:ui-monospace,Menlo,Consolas,monospace}
    button{margin-top:.5em;cursor:pointer;background:var(--panel)}
    button.danger{border-color:var(--error);color:var(--error)}
    [aria-invalid="true"]{border-color:var(--error)}
    .graph{overflow:auto;padding:.5em;background:var(--panel);border-radius:4px}
    ol.cluster{list-style:none;margin:0;padding:.3em .6em;display:flex;flex-direction:column;align-items:flex-start;gap:.5em}
    ol.cluster ol.cluster{border:1px dashed var(--muted);border-radius:6px}
    .caption{color:var(--muted);font-size:.85em}
    .node{display:inline-block;min-width:8em;padding:.35em .8em;border:2px solid #545b64;border-radius:6px;background:#fff;color:#16191f;text-decoration:none}
    .k-start,.k-end{border-radius:1em;background:#232f3e;color:#fff;border-color:#232f3e}
    .k-join{min-width:1em;padding:.1em .4em}
    .note{display:block;color:var(--muted);font-size:.8em}
    .edge{display:block;font-size:.8em;color:var(--muted);margin-left:1em}
    .edge.taken{color:var(--fg);font-weight:bold}
    .e-catch{font-style:italic}
    .legend{list-style:none;padding:0;display:flex;gap:1em;flex-wrap:wrap}
    .swatch{display:inline-block;width:1em;height:1em;border:2px solid;margin-right:.3em;vertical-align:middle}
    .state-detail{display:none;border:1px solid var(--line);border-radius:4px;padding:.5em 1em;margin:.5em 0}
    .state-detail:target{display:block}
    dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dt{font-weight:bold}dd{margin:0}
    ol.definition{font:13px/1.4 ui-monospace,Menlo,Consolas,monospace;background:var(--panel);padding:.5em .5em .5em 4em;overflow:auto}
    ol.definition li::marker{color:var(--muted)}
    ol.definition code{white-space:pre}
    .filters a,.pages a{margin-right:.8em}[aria-current="page"]{font-weight:bold}
    form.filter{display:flex;flex-wrap:wrap;gap:.3em 1em;align-items:end}form.filter label{margin:0}
    section.rule,section.test-result{border:1px solid var(--line);border-radius:4px;padding:.2em 1em .8em;margin:1em 0}
    header.top nav a{margin-right:.6em}
    """# + "\n" + statusColours + "\n"

    /// Plain JavaScript, only where it earns its place: times in the viewer's zone, JSON checked
    /// before a form sends it, and the execution page followed live over server-sent events.
    static let script = #"""
    "use strict";
    function localTimes(root) {
      for (const time of root.querySelectorAll("time[datetime]")) {
        const moment = new Date(time.getAttribute("datetime"));
        if (!isNaN(moment)) { time.textContent = moment.toLocaleString(); time.title = time.getAttribute("datetime"); }
      }
    }
    function checkJSON(field) {
      const message = document.getElementById(field.dataset.jsonFor);
      try { JSON.parse(field.value); field.removeAttribute("aria-invalid"); if (message) message.textContent = ""; return true; }
      catch (error) { field.setAttribute("aria-invalid", "true"); if (message) message.textContent = "Not valid JSON: " + error.message; return false; }
    }
    function guardForms(root) {
      for (const form of root.querySelectorAll("form")) {
        const fields = form.querySelectorAll("textarea[data-json-for]");
        if (fields.length === 0 || form.dataset.guarded) continue;
        form.dataset.guarded = "1";
        for (const field of fields) field.addEventListener("input", () => checkJSON(field));
        form.addEventListener("submit", (event) => {
          for (const field of fields) if (!checkJSON(field)) { event.preventDefault(); field.focus(); return; }
        });
      }
    }
    function follow() {
      const live = document.getElementById("live");
      if (!live || live.dataset.status !== "RUNNING" || !window.EventSource) return;
      const source = new EventSource(live.dataset.events);
      // At most one redraw a second: a busy execution stores events faster than a page is drawn.
      let busy = false, again = false, lastDrawn = 0;
      async function redraw() {
        if (busy) { again = true; return; }
        busy = true;
        const wait = lastDrawn + 1000 - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        lastDrawn = Date.now();
        try {
          const answer = await fetch(location.pathname + location.search, { credentials: "same-origin" });
          const page = new DOMParser().parseFromString(await answer.text(), "text/html");
          const fresh = page.getElementById("live");
          const current = document.getElementById("live");
          if (fresh && current) {
            const focused = document.activeElement && document.activeElement.id;
            current.replaceWith(document.adoptNode(fresh));
            localTimes(fresh); guardForms(fresh);
            if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
            // The state shown (:target) is a new element now: navigate to its fragment again.
            if (location.hash) { const hash = location.hash; history.replaceState(null, "", location.pathname + location.search); location.hash = hash; }
          }
        } finally { busy = false; if (again) { again = false; redraw(); } }
      }
      source.addEventListener("history", redraw);
      source.addEventListener("end", () => { source.close(); redraw(); });
    }
    function tail() {
      const section = document.getElementById("live-tail");
      const toggle = document.getElementById("tail-toggle");
      if (!section || !toggle || !window.EventSource) return;
      const rows = document.getElementById("tail-events"), state = document.getElementById("tail-state");
      let source = null;
      function cell(row, text, tag) { const element = document.createElement(tag || "td"); element.textContent = text; row.appendChild(element); return element; }
      toggle.addEventListener("click", () => {
        if (source) { source.close(); source = null; toggle.textContent = "Start live tail"; toggle.setAttribute("aria-pressed", "false"); state.textContent = "Stopped"; return; }
        source = new EventSource(section.dataset.source);
        toggle.textContent = "Stop live tail"; toggle.setAttribute("aria-pressed", "true"); state.textContent = "Tailing";
        source.addEventListener("log", (message) => {
          for (const event of JSON.parse(message.data).events) {
            const row = document.createElement("tr");
            row.className = "tail-event";
            const time = document.createElement("time"); time.setAttribute("datetime", event.timestamp); time.textContent = event.timestamp;
            cell(row, "").appendChild(time);
            cell(row, event.streamName);
            const pre = document.createElement("pre"); pre.className = "message"; pre.textContent = event.message;
            cell(row, "").appendChild(pre);
            rows.appendChild(row);
          }
          localTimes(rows);
        });
        source.addEventListener("end", (message) => { source.close(); source = null; toggle.textContent = "Start live tail"; state.textContent = JSON.parse(message.data).error || "Ended"; });
      });
    }
    document.addEventListener("DOMContentLoaded", () => { localTimes(document); guardForms(document); follow(); tail(); });
    """#
}

/**
 * The stylesheet of every page (dashboard and report), light and dark from `prefers-color-scheme`. Inline,
 * and allowed by its hash in the Content-Security-Policy.
 */
export const PAGE_STYLE = `
:root{color-scheme:light dark;--fg:#1f2328;--bg:#fff;--muted:#656d76;--line:#d0d7de;--code:#f6f8fa;--ok:#1a7f37;--bad:#cf222e;--accent:#0969da;
--d0:#0969da;--d1:#8250df;--d2:#bf3989;--d3:#bc4c00;--d4:#1a7f37;--d5:#9a6700;--in:#0969da;--out:#8250df;--cr:#1a7f37;--cw:#bc4c00}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#8d96a0;--line:#30363d;--code:#161b22;--ok:#3fb950;--bad:#f85149;--accent:#4493f8;
--d0:#4493f8;--d1:#a371f7;--d2:#db61a2;--d3:#f0883e;--d4:#3fb950;--d5:#d29922;--in:#4493f8;--out:#a371f7;--cr:#3fb950;--cw:#f0883e}}
body{font:14px/1.5 system-ui,-apple-system,Segoe UI,sans-serif;margin:0 auto;max-width:1200px;padding:24px;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}h1{font-size:22px;margin:0 0 12px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:15px;margin:16px 0 6px}h4{margin:10px 0 4px;font-size:13px}
img.output{max-width:100%;border:1px solid var(--line);margin:6px 0}table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid var(--line);padding:4px 10px;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}tr.total td{font-weight:600}
pre{background:var(--code);border:1px solid var(--line);border-radius:6px;padding:10px;overflow:auto;white-space:pre-wrap;word-break:break-word;margin:6px 0}
details{margin:4px 0}details details{margin-left:18px}summary{cursor:pointer}.call{border-left:3px solid var(--line);padding-left:10px;margin:8px 0}
.tree ul{list-style:none;padding-left:20px;margin:0}.tree>ul{padding-left:0}.ok{color:var(--ok)}.bad{color:var(--bad)}.note{color:var(--muted);font-size:12px}
:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
button,select,input{font:inherit;color:inherit;background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:3px 8px}button{cursor:pointer}button:disabled{opacity:.5;cursor:default}
.toolbar{display:flex;gap:12px;align-items:center;flex-wrap:wrap;margin:8px 0}.filters{display:flex;gap:10px;flex-wrap:wrap;align-items:center;margin:8px 0}
table.runs td{white-space:nowrap}table.runs td.task{white-space:normal;max-width:420px;overflow-wrap:anywhere}
.status-ok{color:var(--ok)}.status-failed,.status-unfinished{color:var(--bad)}.status-running{color:var(--accent)}
.tabs{display:flex;gap:4px;border-bottom:1px solid var(--line);margin-top:8px}.tabs [role=tab]{border-radius:6px 6px 0 0;border-bottom:none}.tabs [role=tab][aria-selected=true]{background:var(--code);font-weight:600}
[role=tabpanel]{padding:10px 0}.split{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:16px}@media (max-width:900px){.split{grid-template-columns:1fr}}
.calltree li[aria-expanded=false]>ul{display:none}
ul.calltree,ul.calltree ul{list-style:none;margin:0;padding-left:16px}ul.calltree{padding-left:0;max-height:75vh;overflow:auto}
.calltree li>.row{display:flex;gap:8px;padding:2px 4px;border-left:4px solid var(--d0);cursor:pointer;white-space:nowrap}.calltree li[aria-selected=true]>.row{background:var(--code);font-weight:600}
.calltree .row .num{font-variant-numeric:tabular-nums;color:var(--muted)}.calltree .twisty{width:1em;display:inline-block}
.calltree li.depth-1>.row{border-left-color:var(--d1)}.calltree li.depth-2>.row{border-left-color:var(--d2)}.calltree li.depth-3>.row{border-left-color:var(--d3)}.calltree li.depth-4>.row{border-left-color:var(--d4)}.calltree li.depth-5>.row{border-left-color:var(--d5)}
.detail{border:1px solid var(--line);border-radius:6px;padding:8px 12px;max-height:75vh;overflow:auto}
.scroll{overflow-x:auto}svg text{fill:var(--fg);font-size:11px}svg .tick{stroke:var(--line)}
.seg-in{fill:var(--in)}.seg-out{fill:var(--out)}.seg-cr{fill:var(--cr)}.seg-cw{fill:var(--cw)}.swatch{display:inline-block;width:10px;height:10px;margin-left:8px}
span.seg-in{background:var(--in)}span.seg-out{background:var(--out)}span.seg-cr{background:var(--cr)}span.seg-cw{background:var(--cw)}
.span{fill:var(--d0);opacity:.75}.span.depth-1{fill:var(--d1)}.span.depth-2{fill:var(--d2)}.span.depth-3{fill:var(--d3)}.span.depth-4{fill:var(--d4)}.span.depth-5{fill:var(--d5)}
rect.span.critical{stroke:var(--fg);stroke-width:1.5;opacity:1}rect.span.slow{fill:var(--bad);opacity:1}
.winner-summary{font-weight:600}.live{color:var(--accent)}
`.trim();

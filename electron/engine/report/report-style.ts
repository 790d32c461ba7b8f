/**
 * The report's whole style, inline: system fonts only (no web font, nothing
 * fetched), colours from the reader's light or dark preference. Each chart
 * is drawn twice and the other theme's copy hidden.
 */
export const REPORT_CSS = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1d1f24; --muted: #5c616b; --line: #dcdfe4; --head: #f3f4f6; --ok: #1a7f37; --bad: #c62828; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px; background: var(--bg); color: var(--fg); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 26px; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 19px; margin: 32px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; overflow-wrap: anywhere; }
h3 { font-size: 15px; margin: 18px 0 6px; overflow-wrap: anywhere; }
.muted, .generated { color: var(--muted); }
.ok { color: var(--ok); }
.bad { color: var(--bad); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; white-space: pre-wrap; overflow-wrap: anywhere; max-width: 420px; }
th { background: var(--head); }
td.num { text-align: right; }
td.null { color: var(--muted); font-style: italic; }
figure { margin: 0 0 18px; }
figcaption { font-weight: 600; margin-bottom: 4px; overflow-wrap: anywhere; }
.chart-dark { display: none; }
.chart svg { max-width: 100%; height: auto; }
/* Last, so that it wins over the rules above. */
@media (prefers-color-scheme: dark) {
  :root { --bg: #15171b; --fg: #e6e8eb; --muted: #a2a8b3; --line: #343841; --head: #1f2228; --ok: #4ac26b; --bad: #ff6b6b; }
  .chart-light { display: none; }
  .chart-dark { display: block; }
}
`;

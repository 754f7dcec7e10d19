package dev.kasa.cli.report.html;

/** The report's style sheet, embedded in the page (the report fetches nothing). */
final class ReportStyle {
  private ReportStyle() {}

  // No '<' or '&' in here: the page stays well-formed XML.
  static final String CSS =
      """
      :root { --fg: #1d2330; --muted: #5c6473; --line: #d9dde4; --bg: #f6f7f9;
              --intel: #2f6fb3; --sigma: #d2762b; }
      * { box-sizing: border-box; }
      body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif;
             color: var(--fg); background: var(--bg); }
      header { background: #1d2330; color: #fff; padding: 14px 28px; display: flex;
               align-items: baseline; gap: 20px; flex-wrap: wrap; }
      header h1 { font-size: 20px; margin: 0; }
      header .generated { margin: 0; color: #b8c0cc; }
      main { padding: 8px 28px 40px; max-width: 1400px; }
      section { background: #fff; border: 1px solid var(--line); border-radius: 6px;
                padding: 12px 18px; margin: 16px 0; overflow-x: auto; }
      section.pair { display: flex; gap: 32px; align-items: flex-start; flex-wrap: wrap; }
      h2 { font-size: 16px; margin: 4px 0 10px; }
      table { border-collapse: collapse; width: 100%; }
      section.pair table { width: auto; }
      th, td { text-align: left; padding: 4px 10px 4px 0; border-bottom: 1px solid var(--line);
               vertical-align: top; }
      thead th { font-size: 12px; text-transform: uppercase; color: var(--muted); }
      table.facts th { width: 130px; color: var(--muted); font-weight: 600; }
      td.n { text-align: right; padding-right: 16px; font-variant-numeric: tabular-nums;
             width: 80px; }
      td.time { white-space: nowrap; font-variant-numeric: tabular-nums; }
      td.where, td.matched, .id { font-family: ui-monospace, Menlo, Consolas, monospace;
                                   font-size: 12px; word-break: break-all; }
      .id { color: var(--muted); }
      .note { color: var(--muted); margin: 4px 0 8px; }
      .nothing { font-size: 16px; background: #fff; border: 1px solid var(--line);
                 border-radius: 6px; padding: 18px; }
      .badge { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px;
               background: #e8eaee; white-space: nowrap; }
      .level-critical { background: #8b1a1a; color: #fff; }
      .level-high { background: #d43c3c; color: #fff; }
      .level-medium { background: #f0a33a; }
      .level-low { background: #f3df7a; }
      .level-informational { background: #cfe0f3; }
      .tlp { margin: 0; padding: 2px 10px; border-radius: 3px; font-weight: 600; }
      .tlp-red { background: #ff2b2b; color: #000; }
      .tlp-amber, .tlp-amber-strict { background: #ffc000; color: #000; }
      .tlp-green { background: #33ff00; color: #000; }
      .tlp-clear { background: #fff; color: #000; border: 1px solid #999; }
      svg.timeline { width: 100%; height: auto; display: block; }
      svg .intel, .key.intel { fill: var(--intel); background: var(--intel); }
      svg .sigma, .key.sigma { fill: var(--sigma); background: var(--sigma); }
      svg .axis { stroke: #9aa1ad; stroke-width: 1; }
      svg .tick { font-size: 11px; fill: var(--muted); }
      .key { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 10px; }
      """;
}

// The overview's charts: each div.chart names the table (data-table) it draws, so the page reads
// the same without JavaScript. ECharts sets styles through the CSSOM, which the CSP allows.
(function () {
  var COLORS = { low: "#6c8ebf", medium: "#d6b656", high: "#e07b39", critical: "#b3261e" };

  function rows(table) {
    return Array.prototype.slice.call(table.querySelectorAll("tbody tr")).map(function (tr) {
      return Array.prototype.map.call(tr.cells, function (td) { return td.textContent.trim(); });
    });
  }

  function bars(el, table) {
    var data = rows(table).reverse();
    var links = Array.prototype.map.call(table.querySelectorAll("tbody tr"), function (tr) {
      var a = tr.querySelector("a");
      return a ? a.getAttribute("href") : null;
    }).reverse();
    var chart = echarts.init(el);
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: data.map(function (r) { return r[0]; }) },
      tooltip: { trigger: "axis" },
      series: [{
        type: "bar",
        data: data.map(function (r) {
          return { value: Number(r[1]), itemStyle: { color: COLORS[r[0]] || "#1f5f8b" } };
        })
      }]
    });
    chart.on("click", function (p) {
      var href = links[p.dataIndex];
      if (href && href.indexOf("/ui/") === 0) {
        window.location.assign(href);
      }
    });
    return chart;
  }

  function timeline(el, table) {
    var names = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    var data = rows(table);
    var series = [];
    for (var i = 1; i < names.length - 1; i++) {
      series.push({
        name: names[i],
        type: "bar",
        stack: "all",
        itemStyle: { color: COLORS[names[i]] },
        data: data.map(function (r) { return Number(r[i]); })
      });
    }
    var chart = echarts.init(el);
    chart.setOption({
      animation: false,
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: data.map(function (r) { return r[0]; }) },
      yAxis: { type: "value", minInterval: 1 },
      series: series
    });
    return chart;
  }

  function draw() {
    if (typeof echarts === "undefined") {
      return;
    }
    var charts = [];
    document.querySelectorAll("div.chart").forEach(function (el) {
      var table = document.getElementById(el.getAttribute("data-table"));
      if (!table) {
        el.remove();
        return;
      }
      el.classList.add("drawn");
      charts.push(el.getAttribute("data-chart") === "timeline" ? timeline(el, table) : bars(el, table));
    });
    document.body.classList.add("charts-drawn");
    window.addEventListener("resize", function () {
      charts.forEach(function (c) { c.resize(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();

// The dashboard's one script (served from the package; the CSP allows no inline script). It draws
// each chart from the options the server wrote in a JSON data block, with ECharts.
(() => {
  const FONTS = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';

  function draw() {
    if (typeof window.echarts === "undefined") return;
    const charts = [];
    for (const box of document.querySelectorAll("[data-chart]")) {
      const block = document.getElementById(box.getAttribute("data-chart"));
      if (!block) continue;
      let option;
      try {
        option = JSON.parse(block.textContent);
      } catch {
        continue;
      }
      // The server's image names its font; a browser uses the system's Chinese fonts.
      option.textStyle = Object.assign({}, option.textStyle, { fontFamily: FONTS });
      box.style.height = `${Number(box.getAttribute("data-height")) || 360}px`;
      const chart = window.echarts.init(box, null, { renderer: "canvas" });
      chart.setOption(option);
      charts.push(chart);
    }
    window.addEventListener("resize", () => {
      for (const chart of charts) chart.resize();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();

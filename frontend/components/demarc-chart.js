// <demarc-chart option='{…ECharts option…}'>: Apache ECharts (from npm, bundled, works offline) as a web component.
// Renders SVG; a click on a data item fires "chart-click" with the item's name and series, for drill-down.
import * as echarts from 'echarts/core';
import { BarChart, LineChart, HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, TitleComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, HeatmapChart, GridComponent, TooltipComponent, LegendComponent, VisualMapComponent,
  TitleComponent, SVGRenderer]);

class DemarcChart extends HTMLElement {
  static get observedAttributes() {
    return ['option'];
  }

  connectedCallback() {
    if (!this.style.display) {
      this.style.display = 'block';
    }
    if (!this._chart) {
      this._chart = echarts.init(this, null, { renderer: 'svg' });
      this._chart.on('click', (p) => this.dispatchEvent(new CustomEvent('chart-click', {
        detail: { name: String(p.name ?? ''), series: String(p.seriesName ?? ''), index: p.dataIndex ?? -1 }
      })));
      this._resize = new ResizeObserver(() => this._chart && this._chart.resize());
      this._resize.observe(this);
    }
    this._render();
  }

  disconnectedCallback() {
    if (this._resize) {
      this._resize.disconnect();
    }
    if (this._chart) {
      this._chart.dispose();
      this._chart = null;
    }
  }

  attributeChangedCallback() {
    this._render();
  }

  _render() {
    const json = this.getAttribute('option');
    if (this._chart && json) {
      this._chart.setOption(JSON.parse(json), true);
    }
  }
}

customElements.define('demarc-chart', DemarcChart);

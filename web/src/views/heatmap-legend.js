// The heat map's legend: a colour bar with its two ends (the neuron's range, the predicted value's, or a
// binary classifier's 0 … 1) or, for several classes, a swatch per class; then keys for the point
// shapes and the boundary line. Its words are also the bar's accessible title.
//
//   const drawLegend = createHeatmapLegend(figure, 'boundary-heatmap-1');  // appends it to the figure
//   drawLegend({ data, shown, coloring, tables, scheme });  // shown: heatmap.js shownChannel()
import * as d3 from 'd3';
import { CLASS_PALETTE, palette } from './colors.js';
import { LUT_SIZE } from './heatmap-colors.js';

/** A number as the legend and the plot's cursor write it: "0.25", "-1.5", "1.23e+4". */
export const describeNumber = d3.format('.3~g');

/** A colour-table word (little-endian RGBA bytes) as CSS. */
function toCss(word) {
  const bytes = new Uint8Array(new Uint32Array([word]).buffer);
  return `rgb(${bytes[0]},${bytes[1]},${bytes[2]})`;
}

/**
 * @param {d3.Selection} root the figure the legend is appended to
 * @param {string} id unique among the page's heat maps (the bar's gradient is referenced by id)
 */
export function createHeatmapLegend(root, id) {
  const legend = root.append('svg').attr('class', 'boundary-legend').attr('viewBox', '0 0 300 28')
    .attr('role', 'img');
  const legendTitle = legend.append('title');
  const gradientId = `${id}-gradient`;
  const gradient = legend.append('defs').append('linearGradient').attr('id', gradientId);
  const legendBar = legend.append('g').attr('class', 'boundary-legend__bar');
  const legendKeys = root.append('ul').attr('class', 'boundary-legend__keys');

  return function drawLegend({ data, shown, coloring, tables, scheme }) {
    const colors = palette(scheme);
    let stops;
    let ends;
    let description;
    if (shown.kind === 'neuron') {
      const table = tables.diverging;
      stops = [0, 0.5, 1].map((t) => table[Math.round(t * (table.length - 1))]);
      ends = [describeNumber(coloring.low), describeNumber(coloring.high)];
      description = `Neuron output from ${ends[0]} (orange) to ${ends[1]} (blue)`;
    } else if (data.task === 'regression') {
      const [low, high] = d3.extent(data.targets);
      stops = d3.range(0, 1.0001, 0.125).map((t) => tables.sequential[Math.round(t * (LUT_SIZE - 1))]);
      ends = [describeNumber(low), describeNumber(high)];
      description = `Predicted value from ${ends[0]} to ${ends[1]}`;
    } else if (data.task === 'multiclass') {
      stops = null;
      description = `Most likely class, shaded by confidence: ${data.classNames.join(', ')}`;
    } else {
      const table = tables.diverging;
      stops = [0, 0.5, 1].map((t) => table[Math.round(t * (table.length - 1))]);
      const names = data.classNames?.length === 2 ? data.classNames : ['0', '1'];
      ends = [names[0], names[1]];
      description = `Predicted probability of ${names[1]}: 0 (${names[0]}, orange) to 1 (${names[1]}, blue); ` +
        'the line marks 0.5';
    }
    legendTitle.text(description);
    legend.attr('hidden', stops ? null : true);
    if (stops) {
      gradient.selectAll('stop').data(stops).join('stop')
        .attr('offset', (d, i) => `${(i / (stops.length - 1)) * 100}%`)
        .attr('stop-color', (d) => toCss(d));
      legendBar.selectAll('rect').data([0]).join('rect')
        .attr('x', 0).attr('y', 2).attr('width', 300).attr('height', 10).attr('rx', 2)
        .attr('fill', `url(#${gradientId})`);
      legendBar.selectAll('text').data(ends).join('text')
        .attr('class', 'boundary-legend__end')
        .attr('x', (d, i) => (i === 0 ? 0 : 300)).attr('y', 24)
        .attr('text-anchor', (d, i) => (i === 0 ? 'start' : 'end'))
        .text((d) => d);
    } else {
      legendBar.selectAll('rect').remove();
      legendBar.selectAll('text').remove();
    }
    // Keys (HTML, so long class names wrap): class swatches for several classes; the point shapes;
    // the boundary line where there is one.
    const keys = [];
    if (!stops) {
      data.classNames.forEach((name, k) => keys.push({ key: `class-${k}`, kind: 'class', color: CLASS_PALETTE[k % CLASS_PALETTE.length], label: name }));
    }
    keys.push({ key: 'train', kind: 'train', label: 'training' });
    keys.push({ key: 'test', kind: 'test', label: 'test' });
    if (shown.kind === 'neuron' || data.task === 'binary') {
      keys.push({ key: 'line', kind: 'line', label: shown.kind === 'neuron' ? 'neuron boundary' : 'boundary (0.5)' });
    }
    const circle = d3.symbol(d3.symbolCircle, 40)();
    const diamond = d3.symbol(d3.symbolDiamond, 40)();
    legendKeys.selectAll('li').data(keys, (d) => d.key)
      .join((enter) => {
        const item = enter.append('li').attr('class', (d) => `boundary-legend__key boundary-legend__key--${d.kind}`);
        item.append('svg').attr('viewBox', '-6 -6 12 12').attr('aria-hidden', 'true').append('path');
        item.append('span');
        return item;
      })
      .call((item) => item.select('path')
        .attr('d', (d) => (d.kind === 'line' ? 'M-5,0H5' : d.kind === 'test' ? diamond : circle))
        .attr('fill', (d) => (d.kind === 'line' ? 'none' : d.kind === 'class' ? d.color : colors.muted)))
      .call((item) => item.select('span').text((d) => d.label));
  };
}

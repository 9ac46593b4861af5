// The computational graph of one neuron, with the engine's numbers on every node.
//
// For the perceptron of the songs story it is the whole network:
//
//   modern ─┐
//   w      ─┴─ × ─┐
//   sad    ─┐     │
//   w      ─┴─ × ─┼─ Σ ── σ ── loss
//   piano  ─┐     │   │        │
//   w      ─┴─ × ─┘   bias     truth
//
// For a neuron inside a larger network (network.js expands one) the inputs are the layer below's
// values and the loss appears only on an output neuron. Forward values sit on the nodes; gradients
// (∂, magenta, dashed pulses) appear beside them on the way back; in the update every weight shows
// old → new and the change. Weights and the bias can be clicked (or Enter) to type a new value.
//
// createNeuronGraph(container, options) is the drawing, reused by the network view;
// createGraphView(container, options) is the view of the output neuron (or the focused one).
import * as d3 from 'd3';
// d3's index is marked side-effect free, so a bundler drops the module that adds .transition() and
// .interrupt() to selections unless it is imported for its effect.
import 'd3-transition';
import { formatData, formatNumber, formatSigned, parseTyped } from '../format.js';
import { inputName, neuronName, parameterName, progressOf } from '../explain.js';
import { signClass } from './colors.js';

const EXACT_DIGITS = 6;       // tooltips: "exact" values
const NARROW_WIDTH = 620;     // below this (and with few inputs) the graph flows top to bottom
const ACTIVATION_SYMBOLS = { sigmoid: 'σ', tanh: 'tanh', relu: 'ReLU', linear: 'id', softmax: 'softmax' };
const LOSS_NAMES = { 'cross-entropy': 'cross-entropy', 'squared-error': 'squared error' };

// ---- the model: nodes and links with their numbers ----------------------------------------------

/**
 * The nodes and links of neuron `neuron` of layer `layerIndex`, with the numbers the current phase
 * has computed (`known` flags say which; unknown values are not drawn as numbers).
 */
export function neuronGraphModel(frame, layerIndex, neuron) {
  const { snapshot, shape, data, settings } = frame;
  const layer = shape.layers[layerIndex];
  const progress = progressOf(snapshot, shape);
  const unit = layer.neuronOffset + neuron;
  const isOutput = layerIndex === shape.layers.length - 1;
  const withLoss = isOutput && layer.neurons === 1 && data.task !== 'multiclass';
  const computed = progress.forwardLayers > layerIndex;
  const inputsKnown = progress.forwardLayers >= Math.max(1, layerIndex);
  const backward = progress.backwardFrom <= layerIndex && !progress.updated;
  const updated = progress.updated;
  const p = snapshot.parameters;
  // The forward values of an updated example were computed with the weights before the update.
  const before = (index) => (updated ? p[index] - snapshot.lastUpdates[index] : p[index]);
  const inputValue = (i) =>
    layerIndex === 0 ? snapshot.inputs[i] : snapshot.activations[shape.layers[layerIndex - 1].neuronOffset + i];

  const nodes = [];
  const links = [];
  const parameterNode = (id, index, caption, extra = {}) => ({
    id,
    kind: extra.kind ?? 'weight',
    caption,
    title: parameterName(shape, index).text,
    parameter: index,
    value: p[index],
    known: true,
    gradient: snapshot.gradients[index],
    gradientKnown: backward,
    old: p[index] - snapshot.lastUpdates[index],
    delta: snapshot.lastUpdates[index],
    updated,
    sign: signClass(p[index]),
    ...extra,
  });

  for (let i = 0; i < layer.inputs; i += 1) {
    const name = inputName(shape, layerIndex, i);
    const weightIndex = layer.weightOffset + neuron * layer.inputs + i;
    nodes.push({
      id: `input-${i}`, kind: 'input', row: i, caption: layerIndex === 0 ? name : `h${i + 1}`,
      title: layerIndex === 0 ? `input: ${name}` : `input: ${name}`,
      value: inputValue(i), known: inputsKnown,
    });
    nodes.push(parameterNode(`weight-${i}`, weightIndex, `w ${layerIndex === 0 ? name : `h${i + 1}`}`, { row: i }));
    nodes.push({
      id: `product-${i}`, kind: 'product', row: i, symbol: '×', caption: 'product',
      title: `${name} × its weight`,
      value: inputValue(i) * before(weightIndex), known: computed,
      gradient: snapshot.deltas[unit], gradientKnown: backward,
    });
    links.push(
      { id: `input-${i}>product-${i}`, source: `input-${i}`, target: `product-${i}`, forward: 0 },
      { id: `weight-${i}>product-${i}`, source: `weight-${i}`, target: `product-${i}`, forward: 0, backward: 3, parameter: weightIndex },
      { id: `product-${i}>sum`, source: `product-${i}`, target: 'sum', forward: 1, backward: 2 },
    );
  }
  const biasIndex = layer.biasOffset + neuron;
  nodes.push(parameterNode('bias', biasIndex, 'bias', { kind: 'bias' }));
  nodes.push({
    id: 'sum', kind: 'sum', symbol: 'Σ', caption: 'sum z', title: 'weighted sum z = Σ input × weight + bias',
    value: snapshot.weightedSums[unit], known: computed,
    gradient: snapshot.deltas[unit], gradientKnown: backward,
  });
  const activation = layer.softmax ? 'softmax' : layer.activation;
  const binaryOutput = withLoss && data.task === 'binary' && activation === 'sigmoid';
  nodes.push({
    id: 'activation', kind: 'activation', symbol: ACTIVATION_SYMBOLS[activation] ?? activation,
    caption: binaryOutput ? 'prediction' : `${activation} a`,
    title: binaryOutput ? 'prediction: the chance of class 1 (sigmoid of the sum)' : `activation a = ${activation}(z)`,
    value: snapshot.activations[unit], known: computed,
    gradient: snapshot.outputGradients[unit], gradientKnown: backward,
  });
  links.push(
    { id: 'bias>sum', source: 'bias', target: 'sum', forward: 1, backward: 2, parameter: biasIndex },
    { id: 'sum>activation', source: 'sum', target: 'activation', forward: 2, backward: 1 },
  );
  if (withLoss) {
    const lossName = LOSS_NAMES[settings?.loss] ?? 'loss';
    const truthName = data.classNames?.[snapshot.target[0] >= 0.5 ? 1 : 0];
    nodes.push({
      id: 'truth', kind: 'truth', caption: 'truth y',
      title: data.task === 'binary' && truthName ? `the true label: ${truthName}` : 'the true value',
      value: snapshot.target[0], known: progress.loss && !progress.updated ? true : progress.loss,
      note: data.task === 'binary' && truthName ? truthName : null,
    });
    nodes.push({
      id: 'loss', kind: 'loss', symbol: 'L', caption: 'loss', title: `the loss of this example (${lossName})`,
      value: snapshot.exampleLoss, known: progress.loss,
    });
    links.push(
      { id: 'activation>loss', source: 'activation', target: 'loss', forward: 3, backward: 0 },
      { id: 'truth>loss', source: 'truth', target: 'loss', forward: 3 },
    );
  }
  return {
    layerIndex, neuron, unit, isOutput, withLoss, inputs: layer.inputs, nodes, links, progress,
    title: neuronName(shape, layerIndex, neuron),
  };
}

// ---- layout ----------------------------------------------------------------------------------------

// Node heights: an input shows a caption and its value; every other node has room for a third line
// (the gradient on the way back, or the change in an update).
const INPUT_HEIGHT = 46;
const NODE_HEIGHT = 62;

/** Positions (centre x, y, width w, height h) of every node, flowing left→right or top→bottom. */
function layoutGraph(model, availableWidth) {
  const inputs = model.inputs;
  const tall = availableWidth < NARROW_WIDTH && inputs <= 4;
  const positions = new Map();
  const place = (id, x, y, w, h = NODE_HEIGHT) => positions.set(id, { x, y, w, h });
  if (!tall) {
    const width = Math.max(availableWidth, 640);
    const nodeWidth = Math.max(108, Math.min(126, width / 7.5));
    const margin = nodeWidth / 2 + 4;
    const columns = model.withLoss ? 5 : 4;
    const columnX = (c) => margin + (c * (width - 2 * margin)) / (columns - 1);
    const rowHeight = 132;
    const rowY = (i) => 62 + i * rowHeight;
    for (let i = 0; i < inputs; i += 1) {
      place(`input-${i}`, columnX(0), rowY(i) - 31, nodeWidth, INPUT_HEIGHT);
      place(`weight-${i}`, columnX(0), rowY(i) + 27, nodeWidth);
      place(`product-${i}`, columnX(1), rowY(i), nodeWidth);
    }
    const middle = (rowY(0) + rowY(inputs - 1)) / 2;
    const sideY = rowY(inputs - 1) + 27 + NODE_HEIGHT + 22;
    place('sum', columnX(2), middle, nodeWidth);
    place('bias', columnX(1), sideY, nodeWidth);
    place('activation', columnX(3), middle, nodeWidth);
    if (model.withLoss) {
      place('loss', columnX(4), middle, nodeWidth);
      place('truth', columnX(3), sideY, nodeWidth, INPUT_HEIGHT + 10);
    }
    return { tall, width, height: sideY + NODE_HEIGHT / 2 + 24, positions };
  }
  // Top to bottom: inputs, weights, products, sum (bias beside it), activation, loss (truth beside it).
  const width = Math.max(availableWidth, 240);
  const gap = 14;
  const nodeWidth = Math.min(126, (width - 12 - gap * (inputs - 1)) / inputs);
  const rowLeft = (width - inputs * nodeWidth - (inputs - 1) * gap) / 2;
  const columnX = (i) => rowLeft + nodeWidth / 2 + i * (nodeWidth + gap);
  let y = 16 + INPUT_HEIGHT / 2;
  for (let i = 0; i < inputs; i += 1) place(`input-${i}`, columnX(i), y, nodeWidth, INPUT_HEIGHT);
  y += INPUT_HEIGHT / 2 + 10 + NODE_HEIGHT / 2;
  for (let i = 0; i < inputs; i += 1) place(`weight-${i}`, columnX(i), y, nodeWidth);
  y += NODE_HEIGHT + 44;
  for (let i = 0; i < inputs; i += 1) place(`product-${i}`, columnX(i), y, nodeWidth);
  const mainWidth = Math.min(140, (width - 40) / 2);
  const mainX = width / 2 - mainWidth / 2 - 12;
  const sideX = width / 2 + mainWidth / 2 + 12;
  y += NODE_HEIGHT + 56;
  place('sum', mainX, y, mainWidth);
  place('bias', sideX, y, mainWidth);
  y += NODE_HEIGHT + 44;
  place('activation', mainX, y, mainWidth);
  if (model.withLoss) {
    y += NODE_HEIGHT + 44;
    place('loss', mainX, y, mainWidth);
    place('truth', sideX, y, mainWidth, INPUT_HEIGHT + 10);
  }
  return { tall, width, height: y + NODE_HEIGHT / 2 + 12, positions };
}

/**
 * A smooth link from the source's outgoing side to the target's incoming side, as the four points of
 * a cubic Bézier curve [start, control, control, end].
 */
function linkCurve(source, target, tall) {
  if (tall) {
    const from = [source.x, source.y + source.h / 2];
    const to = [target.x, target.y - target.h / 2];
    if (from[1] > to[1]) { // a side node (bias, truth) beside its target
      const start = [source.x - source.w / 2, source.y];
      const end = [target.x + target.w / 2, target.y];
      const middle = (start[0] + end[0]) / 2;
      return [start, [middle, start[1]], [middle, end[1]], end];
    }
    const middle = (from[1] + to[1]) / 2;
    return [from, [from[0], middle], [to[0], middle], to];
  }
  const from = [source.x + source.w / 2, source.y];
  const to = [target.x - target.w / 2, target.y];
  const middle = (from[0] + to[0]) / 2;
  return [from, [middle, from[1]], [middle, to[1]], to];
}

/** The SVG path of a cubic Bézier curve. */
export function curvePath([start, first, second, end]) {
  return `M${start[0]},${start[1]}C${first[0]},${first[1]} ${second[0]},${second[1]} ${end[0]},${end[1]}`;
}

/** The point at parameter t (0 … 1) of a cubic Bézier curve: computed, so no layout is forced. */
export function pointOnCurve([start, first, second, end], t) {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return [a * start[0] + b * first[0] + c * second[0] + d * end[0], a * start[1] + b * first[1] + c * second[1] + d * end[1]];
}

/**
 * Sends a pulse along a curve: a dot (forward, a value) or a ring (backward, a gradient) that appears
 * after `delay` ms, travels for `duration` ms and fades.
 */
export function sendPulse(layer, curve, { reverse = false, delay = 0, duration = 400, kind = 'forward', radius = 4 }) {
  const at = (t) => pointOnCurve(curve, reverse ? 1 - t : t);
  const [x, y] = at(0);
  layer.append('circle')
    .attr('class', `pulse ${kind}`)
    .attr('r', radius)
    .attr('transform', `translate(${x},${y})`)
    .style('opacity', 0)
    .transition().delay(delay).duration(0).style('opacity', 1)
    .transition().duration(duration).ease(d3.easeCubicInOut)
    .attrTween('transform', () => (t) => { const [px, py] = at(t); return `translate(${px},${py})`; })
    .transition().duration(120).style('opacity', 0)
    .remove();
}

// ---- drawing -----------------------------------------------------------------------------------------

const exact = (value) => formatNumber(value, EXACT_DIGITS);

/** The lines of a node's tooltip: exact values. */
function tooltipLines(node) {
  const lines = [node.title];
  if (node.known) lines.push(`value ${exact(node.value)}`);
  else lines.push('value: not computed yet for this example');
  if (node.gradientKnown) lines.push(`gradient ∂loss/∂ ${exact(node.gradient)}`);
  if (node.updated) lines.push(`last update ${exact(node.old)} → ${exact(node.value)} (${formatSigned(node.delta, EXACT_DIGITS)})`);
  if (node.parameter !== undefined) lines.push('Click or press Enter to type a new value.');
  return lines;
}

function ariaLabel(node) {
  const value = node.kind === 'input' || node.kind === 'truth' ? formatData(node.value) : formatNumber(node.value);
  let text = `${node.title}: ${node.known ? value : 'not computed yet'}`;
  if (node.gradientKnown) text += `, gradient ${formatNumber(node.gradient)}`;
  if (node.updated) text += `, changed by ${formatSigned(node.delta)}`;
  if (node.parameter !== undefined) text += '. Press Enter to edit.';
  return text;
}

/**
 * Draws one neuron's computational graph into `container` (a fresh element is appended).
 * @param {HTMLElement} container
 * @param {{ target?: (frame) => {layer: number, neuron: number} | null }} options which neuron to draw
 * @returns {{ update(frame): void, destroy(): void, element: HTMLElement }}
 */
export function createNeuronGraph(container, { target = null } = {}) {
  const root = d3.select(container).append('div').attr('class', 'neuron-graph');
  const scroller = root.append('div').attr('class', 'neuron-graph-scroller');
  const svg = scroller.append('svg').attr('class', 'neuron-graph-svg').attr('role', 'group');
  const linkLayer = svg.append('g').attr('class', 'links');
  const pulseLayer = svg.append('g').attr('class', 'pulses');
  const nodeLayer = svg.append('g').attr('class', 'nodes');
  const tooltip = root.append('div').attr('class', 'tooltip').attr('role', 'tooltip').attr('id', uniqueId('graph-tooltip')).property('hidden', true);
  let editor = null;
  let lastFrame = null;
  let lastWidth = 0;
  let lastKey = '';

  // The width comes from the ResizeObserver, so drawing a frame never forces a layout to measure it.
  let measuredWidth = 0;
  const resizeObserver = typeof ResizeObserver === 'function'
    ? new ResizeObserver(([entry]) => {
      measuredWidth = Math.round(entry.contentRect.width);
      if (lastFrame && measuredWidth !== lastWidth) draw(lastFrame, { animate: false });
    })
    : null;
  resizeObserver?.observe(root.node());

  function showTooltip(node, position) {
    const element = tooltip.node();
    tooltip.selectAll('p').data(tooltipLines(node)).join('p').text((line) => line);
    element.hidden = false;
    const scrollLeft = scroller.node().scrollLeft;
    const left = Math.max(4, Math.min(position.x - scrollLeft - 110, root.node().clientWidth - 224));
    tooltip.style('left', `${left}px`).style('top', `${position.y + position.h / 2 + 8}px`);
  }
  function hideTooltip() {
    tooltip.node().hidden = true;
  }

  function openEditor(node, position) {
    closeEditor();
    hideTooltip();
    const frame = lastFrame;
    editor = root.append('form').attr('class', 'value-editor');
    const scrollLeft = scroller.node().scrollLeft;
    editor.style('left', `${Math.max(4, position.x - scrollLeft - position.w / 2)}px`)
      .style('top', `${position.y - 18}px`);
    const input = editor.append('input')
      .attr('type', 'text')
      .attr('inputmode', 'decimal')
      .attr('aria-label', `New value for ${node.title}`)
      .attr('autocomplete', 'off')
      .property('value', String(Number(node.value.toPrecision(6))));
    const hint = editor.append('span').attr('class', 'value-editor-hint').text('Enter to set · Esc to cancel');
    const commit = (event) => {
      event?.preventDefault();
      const value = parseTyped(input.property('value'));
      if (value === null) {
        hint.text('Type a number, e.g. 0.5');
        input.attr('aria-invalid', 'true');
        return;
      }
      closeEditor(false);
      frame.actions.setParameter(node.parameter, value);
    };
    editor.on('submit', commit);
    input.on('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        closeEditor(true);
      }
    });
    input.on('blur', () => setTimeout(() => closeEditor(false), 0));
    input.node().focus();
    input.node().select();
    editor.datum(node.id);
  }
  function closeEditor(restoreFocus = false) {
    if (!editor) return;
    const id = editor.datum();
    editor.remove();
    editor = null;
    if (restoreFocus) nodeLayer.selectAll('.node').filter((d) => d.id === id).node()?.focus();
  }

  function draw(frame, { animate }) {
    const chosen = target ? target(frame) : null;
    const last = frame.shape.layers.length - 1;
    const layerIndex = chosen?.layer ?? last;
    const neuron = chosen?.neuron ?? 0;
    const model = neuronGraphModel(frame, layerIndex, neuron);
    measuredWidth ||= Math.round(root.node().clientWidth);
    const available = measuredWidth || 800;
    lastWidth = available;
    const layout = layoutGraph(model, available);
    const key = `${layerIndex}/${neuron}/${model.inputs}/${layout.tall}/${layout.width}/${model.withLoss}`;
    const relaid = key !== lastKey;
    lastKey = key;
    svg.attr('viewBox', `0 0 ${layout.width} ${layout.height}`)
      .attr('width', layout.width)
      .attr('height', layout.height)
      .attr('aria-label', `Computational graph of ${model.title}`)
      .classed('tall', layout.tall);
    root.classed('wide-scroll', layout.width > available);

    const byId = new Map(model.nodes.map((node) => [node.id, node]));
    const position = (id) => layout.positions.get(id);
    const duration = frame.duration ?? 600;
    const stages = animate && !relaid ? newStages(frame, model) : null;

    // Links: weights coloured by sign, sized by magnitude.
    const maxWeight = Math.max(1e-6, ...model.nodes.filter((n) => n.parameter !== undefined).map((n) => Math.abs(n.value)));
    const linkWidth = (link) => {
      if (link.parameter === undefined) return 1.5;
      return 1 + 4 * Math.min(1, Math.abs(frame.snapshot.parameters[link.parameter]) / maxWeight);
    };
    const links = linkLayer.selectAll('path.link').data(model.links, (link) => link.id).join('path')
      .attr('class', (link) => `link ${link.parameter !== undefined ? `weight-link ${signClass(frame.snapshot.parameters[link.parameter])}` : ''}`)
      .attr('d', (link) => curvePath(linkCurve(position(link.source), position(link.target), layout.tall)));
    if (stages?.update) {
      links.filter((link) => link.parameter !== undefined)
        .attr('stroke-width', (link) => {
          const old = frame.snapshot.parameters[link.parameter] - frame.snapshot.lastUpdates[link.parameter];
          return 1 + 4 * Math.min(1, Math.abs(old) / maxWeight);
        })
        .transition().duration(duration).attr('stroke-width', linkWidth);
    } else {
      links.interrupt().attr('stroke-width', linkWidth);
    }

    // Nodes.
    const nodes = nodeLayer.selectAll('g.node').data(model.nodes, (node) => node.id).join((enter) => {
      const g = enter.append('g').attr('tabindex', 0);
      g.append('rect').attr('class', 'node-box');
      g.append('rect').attr('class', 'node-flash');
      g.append('text').attr('class', 'node-caption');
      g.append('text').attr('class', 'value');
      g.append('text').attr('class', 'gradient');
      g.append('text').attr('class', 'update');
      return g;
    });
    nodes
      .attr('class', (node) => `node node-${node.kind}${node.parameter !== undefined ? ` editable ${node.sign}` : ''}` +
        `${node.known ? '' : ' pending'}${node.gradientKnown ? ' has-gradient' : ''}${node.updated ? ' is-updated' : ''}`)
      .attr('data-node', (node) => node.id)
      .attr('role', (node) => (node.parameter !== undefined ? 'button' : 'img'))
      .attr('aria-label', ariaLabel)
      .attr('aria-describedby', tooltip.attr('id'))
      .attr('transform', (node) => `translate(${position(node.id).x},${position(node.id).y})`)
      .on('pointerenter focus', (event, node) => showTooltip(byId.get(node.id) ?? node, position(node.id)))
      .on('pointerleave blur', hideTooltip)
      .on('click', (event, node) => {
        if (node.parameter !== undefined) openEditor(byId.get(node.id) ?? node, position(node.id));
      })
      .on('keydown', (event, node) => {
        if (node.parameter !== undefined && (event.key === 'Enter' || event.key === ' ')) {
          event.preventDefault();
          event.stopPropagation();
          openEditor(byId.get(node.id) ?? node, position(node.id));
        }
      });

    nodes.select('rect.node-box')
      .attr('x', (node) => -position(node.id).w / 2).attr('y', (node) => -position(node.id).h / 2)
      .attr('width', (node) => position(node.id).w).attr('height', (node) => position(node.id).h)
      .attr('rx', 8);
    nodes.select('rect.node-flash')
      .attr('x', (node) => -position(node.id).w / 2 - 3).attr('y', (node) => -position(node.id).h / 2 - 3)
      .attr('width', (node) => position(node.id).w + 6).attr('height', (node) => position(node.id).h + 6)
      .attr('rx', 10);
    // Inside each box: the caption, the value, and the gradient or the change.
    const top = (node) => -position(node.id).h / 2;
    nodes.select('text.node-caption')
      .attr('y', (node) => top(node) + 15)
      .text((node) => node.caption);
    nodes.select('text.value')
      .attr('y', (node) => top(node) + (position(node.id).h === INPUT_HEIGHT ? 36 : 36))
      .text((node) => valueText(node, position(node.id).w))
      .classed('compact', (node) => node.known && node.updated && position(node.id).w >= 112);
    nodes.select('text.gradient')
      .attr('y', (node) => top(node) + 54)
      .text((node) => (node.gradientKnown ? `∂ ${formatNumber(node.gradient)}` : ''));
    nodes.select('text.update')
      .attr('y', (node) => top(node) + 54)
      .text((node) => (node.updated ? `${formatSigned(node.delta)}` : ''));

    // Operator badges (×, Σ, σ, L) sit on the node's corner so the number keeps the centre.
    const badges = nodes.selectAll('g.badge').data((node) => (node.symbol ? [node] : []), (node) => node.id)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'badge');
        g.append('circle');
        g.append('text').attr('y', 4.5);
        return g;
      })
      .attr('transform', (node) => `translate(${-position(node.id).w / 2 + 2},${-position(node.id).h / 2 + 2})`);
    badges.select('circle').attr('r', layout.tall ? 11 : 13);
    badges.select('text').text((node) => node.symbol).classed('long', (node) => node.symbol.length > 2);

    const notes = nodes.selectAll('text.note').data((node) => (node.note && node.known ? [node] : []), (node) => node.id)
      .join('text').attr('class', 'note');
    notes.attr('y', (node) => -position(node.id).h / 2 + 51).text((node) => node.note);

    if (stages) animateStages(frame, model, layout, stages, links, nodes, duration);
    else {
      nodes.interrupt();
      nodes.select('text.value').interrupt().style('opacity', null);
      nodes.select('text.gradient').interrupt().style('opacity', null);
      nodes.select('rect.node-flash').interrupt().style('opacity', null);
    }
  }

  function animateStages(frame, model, layout, stages, links, nodes, duration) {
    const position = (id) => layout.positions.get(id);
    const steps = stages.count;
    const stepDuration = duration / Math.max(1, steps);
    const start = (stage) => stage * stepDuration;
    const pulse = (link, reverse, delay, kind) => {
      const curve = linkCurve(position(link.source), position(link.target), layout.tall);
      sendPulse(pulseLayer, curve, { reverse, delay, duration: stepDuration * 0.9, kind, radius: kind === 'backward' ? 6 : 5.5 });
    };
    const reveal = (selection, delay) => selection.interrupt().style('opacity', 0)
      .transition().delay(delay).duration(Math.min(250, stepDuration)).style('opacity', 1);

    if (stages.forward !== null) {
      for (const link of model.links) {
        if (link.forward !== undefined && link.forward < 3) pulse(link, false, start(stages.forward) + link.forward * stepDuration / 3, 'forward');
      }
      const depthOf = { product: 1, sum: 2, activation: 3 };
      nodes.filter((node) => depthOf[node.kind]).select('text.value')
        .each(function (node) { reveal(d3.select(this), start(stages.forward) + depthOf[node.kind] * stepDuration / 3 - 40); });
    }
    if (stages.loss !== null) {
      for (const link of model.links) if (link.forward === 3) pulse(link, false, start(stages.loss), 'forward');
      reveal(nodes.filter((node) => node.kind === 'loss').select('text.value'), start(stages.loss) + stepDuration * 0.8);
    }
    if (stages.backward !== null) {
      const depth = model.withLoss ? 4 : 3;
      for (const link of model.links) {
        if (link.backward !== undefined && (model.withLoss || link.backward > 0)) {
          const order = model.withLoss ? link.backward : link.backward - 1;
          pulse(link, true, start(stages.backward) + (order * stepDuration) / depth, 'backward');
        }
      }
      const backOrder = { activation: 1, sum: 2, product: 3, bias: 3, weight: 4 };
      nodes.filter((node) => node.gradientKnown).select('text.gradient')
        .each(function (node) {
          const order = (backOrder[node.kind] ?? 1) - (model.withLoss ? 0 : 1);
          reveal(d3.select(this), start(stages.backward) + (order * stepDuration) / depth);
        });
    }
    if (stages.update !== null) {
      nodes.filter((node) => node.updated).select('rect.node-flash')
        .interrupt().style('opacity', 0)
        .transition().delay(start(stages.update)).duration(stepDuration * 0.4).style('opacity', 1)
        .transition().duration(stepDuration * 0.6).style('opacity', 0);
    }
  }

  return {
    element: root.node(),
    update(frame) {
      lastFrame = frame;
      if (editor && frame.previous && frame.previous.tick !== frame.snapshot.tick) closeEditor(false);
      draw(frame, { animate: frame.animate });
    },
    destroy() {
      resizeObserver?.disconnect();
      root.interrupt();
      root.remove();
    },
  };
}

/** The number on a node; an updated parameter shows old → new where the box is wide enough. */
function valueText(node, width) {
  if (!node.known) return '·';
  if (node.kind === 'input' || node.kind === 'truth') return formatData(node.value);
  if (node.updated && width >= 112) return `${formatNumber(node.old)} → ${formatNumber(node.value)}`;
  return formatNumber(node.value);
}

/**
 * Which stages of the current example this frame newly completed, in order, for the animation:
 * { forward, loss, backward, update, count } — each the stage's position or null.
 */
function newStages(frame, model) {
  const { snapshot, previous } = frame;
  if (!previous || snapshot.tick <= previous.tick) return null;
  const singleTick = snapshot.tick === previous.tick + 1;
  const phase = snapshot.phase;
  const layer = model.layerIndex;
  const stages = { forward: null, loss: null, backward: null, update: null, count: 0 };
  const add = (name) => { stages[name] = stages.count; stages.count += 1; };
  if (singleTick) {
    if (phase === 'forward' && snapshot.phaseLayer === layer) add('forward');
    else if (phase === 'loss' && model.withLoss) add('loss');
    else if (phase === 'backward' && snapshot.phaseLayer === layer) add('backward');
    else if (phase === 'update') add('update');
  } else {
    // Several ticks at once (an example or a batch): replay the whole example up to where it stands.
    const progress = model.progress;
    if (progress.forwardLayers > layer) add('forward');
    if (progress.loss && model.withLoss) add('loss');
    if (progress.backwardFrom <= layer) add('backward');
    if (progress.updated) add('update');
  }
  return stages.count > 0 ? stages : null;
}

let idCounter = 0;
function uniqueId(prefix) {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/**
 * The computational graph view: the output neuron (for a perceptron, the whole network), or the neuron
 * the reader focuses elsewhere (e.g. in a network view sharing the run) unless followFocus is false.
 */
export function createGraphView(container, { followFocus = true } = {}) {
  const element = d3.select(container).append('div').attr('class', 'view graph-view');
  const graph = createNeuronGraph(element.node(), {
    target(frame) {
      const unit = frame.focus?.neuron;
      if (!followFocus || unit === null || unit === undefined) return null;
      const index = frame.shape.layers.findIndex((l) => unit >= l.neuronOffset && unit < l.neuronOffset + l.neurons);
      return index < 0 ? null : { layer: index, neuron: unit - frame.shape.layers[index].neuronOffset };
    },
  });
  const legend = element.append('p').attr('class', 'graph-legend');
  legend.append('span').attr('class', 'legend-item legend-forward').text('value');
  legend.append('span').attr('class', 'legend-item legend-gradient').text('∂ gradient of the loss');
  legend.append('span').attr('class', 'legend-item legend-negative').text('negative weight');
  legend.append('span').attr('class', 'legend-item legend-positive').text('positive weight');
  legend.append('span').attr('class', 'legend-item legend-hint').text('Click a weight or the bias to change it.');
  return {
    update(frame) {
      graph.update(frame);
    },
    destroy() {
      graph.destroy();
      element.remove();
    },
  };
}

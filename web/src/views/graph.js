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
// old → new and its change (Δ), and the forward values, computed with the old weights, are dimmed and
// tagged "before update". Weights and the bias can be clicked (or Enter) to type a new value; they
// are the graph's only Tab stops (the other nodes' numbers are in their accessible names).
//
// createNeuronGraph(container, options) is the drawing, reused by the network view;
// createGraphView(container, options) is the view of the output neuron (or the focused one).
// The model (nodes and links with their numbers) is graph-model.js's, the positions and curves
// graph-layout.js's, the animation of a hand step graph-animation.js's.
//
// Drawing is split in two, as in network.js: build() makes the elements, places them and binds their
// handlers when the neuron, the network's shape or the width changes; drawValues() runs every frame
// and rewrites only the classes, labels and numbers whose values changed (writes.js).
import * as d3 from 'd3';
// d3's index is marked side-effect free, so a bundler drops the module that adds .transition() and
// .interrupt() to selections unless it is imported for its effect.
import 'd3-transition';
import { formatData, formatNumber, formatSigned, parseTyped } from '../format.js';
import { signClass } from './colors.js';
import { neuronGraphModel } from './graph-model.js';
import { CHANGE_WIDTH, curvePath, layoutGraph, linkCurve, placeTooltip } from './graph-layout.js';
import { animateStages, newStages, sendPulse, settleStages } from './graph-animation.js';
import { setAttribute, setClass, setText } from './writes.js';

export { neuronGraphModel } from './graph-model.js';
export { curvePath, pointOnCurve } from './graph-layout.js';
export { sendPulse } from './graph-animation.js';

const EXACT_DIGITS = 6;       // tooltips: "exact" values

// ---- drawing -----------------------------------------------------------------------------------------

const exact = (value) => formatNumber(value, EXACT_DIGITS);
/** A weight or the bias: the nodes a reader can type a value into. */
const isEditable = (node) => node.parameter !== undefined;

/** The lines of a node's tooltip: exact values (a weight's: at most four lines, graph-layout.js TOOLTIP_LANE). */
function tooltipLines(node) {
  const lines = [node.title];
  if (!node.known) lines.push('value: not computed yet for this example');
  else if (node.updated) lines.push(`value ${exact(node.old)} → ${exact(node.value)}`, `change Δ ${formatSigned(node.delta, EXACT_DIGITS)}`);
  else lines.push(`value ${exact(node.value)}`);
  if (node.gradientKnown) lines.push(`gradient ∂loss/∂ ${exact(node.gradient)}`);
  if (node.beforeUpdate) lines.push('computed with the weights before this update');
  if (node.beforeEdit) lines.push('computed before your change, and not again in this example');
  if (isEditable(node)) lines.push('Click or press Enter to change it.');
  return lines;
}

function ariaLabel(node) {
  const value = node.kind === 'input' || node.kind === 'truth' ? formatData(node.value) : formatNumber(node.value);
  let text = `${node.title}: ${node.known ? value : 'not computed yet'}`;
  if (node.gradientKnown) text += `, gradient ${formatNumber(node.gradient)}`;
  if (node.updated) text += `, was ${formatNumber(node.old)}, change ${formatSigned(node.delta)}`;
  if (node.beforeUpdate) text += ', computed before the update';
  if (node.beforeEdit) text += ', computed before your change';
  if (isEditable(node)) text += '. Press Enter to edit.';
  return text;
}

const WIDTH_STEPS = 20;        // link widths are drawn to 1/20 px: finer changes are invisible

/** The number on a node; an updated parameter shows old → new where the box is wide enough. */
function valueText(node, width) {
  if (!node.known) return '·';
  if (node.kind === 'input' || node.kind === 'truth') return formatData(node.value);
  if (node.updated && width >= CHANGE_WIDTH) return `${formatNumber(node.old)} → ${formatNumber(node.value)}`;
  return formatNumber(node.value);
}

/** The line under the value (the gradient's, in the backward pass): the update's change, or a tag. */
function updateText(node) {
  if (node.updated) return `Δ ${formatSigned(node.delta)}`;
  if (node.beforeUpdate) return 'before update';
  // Where the gradient takes the line (the backward pass), the tooltip alone says it.
  if (node.beforeEdit && !node.gradientKnown) return 'before your change';
  return '';
}

function nodeClass(node) {
  return `node node-${node.kind}${isEditable(node) ? ` editable ${node.sign}` : ''}` +
    `${node.known ? '' : ' pending'}${node.gradientKnown ? ' has-gradient' : ''}${node.updated ? ' is-updated' : ''}` +
    // A value from before the reader's edit looks like one from before an update (app.css .before-update).
    `${node.beforeUpdate || node.beforeEdit ? ' before-update' : ''}`;
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
  let built = null;              // what build() made: { key, shape, layout, links, nodes, … }
  let model = null;              // the model drawn last: what the handlers show
  let animating = false;         // a step's animation may still be running on the elements

  // The width comes from the ResizeObserver, so drawing a frame never forces a layout to measure it.
  let measuredWidth = 0;
  const resizeObserver = typeof ResizeObserver === 'function'
    ? new ResizeObserver(([entry]) => {
      measuredWidth = Math.round(entry.contentRect.width);
      if (lastFrame && measuredWidth !== lastWidth) draw(lastFrame, { animate: false });
    })
    : null;
  resizeObserver?.observe(root.node());

  const position = (id) => built.layout.positions.get(id);
  const modelNode = (id) => model.nodes.find((node) => node.id === id);

  /** Shows a node's tooltip beside it, where it covers the fewest other boxes (placeTooltip). */
  function showTooltip(node, at) {
    const element = tooltip.node();
    tooltip.selectAll('p').data(tooltipLines(node)).join('p').text((line) => line);
    element.hidden = false;
    const scrollLeft = scroller.node().scrollLeft;
    const others = [...built.layout.positions].filter(([id]) => id !== node.id).map(([, box]) => box);
    const bounds = { left: scrollLeft + 4, top: 0, right: scrollLeft + root.node().clientWidth - 4, bottom: built.layout.height };
    const place = placeTooltip({ w: element.offsetWidth, h: element.offsetHeight }, at, others, bounds);
    tooltip.style('left', `${place.left - scrollLeft}px`).style('top', `${place.top}px`);
  }
  function hideTooltip() {
    tooltip.node().hidden = true;
  }

  function openEditor(node, at) {
    closeEditor();
    hideTooltip();
    const frame = lastFrame;
    editor = root.append('form').attr('class', 'value-editor');
    const scrollLeft = scroller.node().scrollLeft;
    editor.style('left', `${Math.max(4, at.x - scrollLeft - at.w / 2)}px`)
      .style('top', `${at.y - 18}px`);
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

  // ---- structure: elements, positions and handlers, when the neuron, the shape or the width changes

  function build(frame, key, layout) {
    svg.attr('viewBox', `0 0 ${layout.width} ${layout.height}`)
      .attr('width', layout.width)
      .attr('height', layout.height)
      .classed('tall', layout.tall);
    const at = (id) => layout.positions.get(id);

    const links = linkLayer.selectAll('path.link').data(model.links, (link) => link.id).join('path')
      .attr('d', (link) => curvePath(linkCurve(at(link.source), at(link.target), layout.tall)));

    // The handlers read the model drawn last (by id), so they are bound once, not every frame.
    const nodes = nodeLayer.selectAll('g.node').data(model.nodes, (node) => node.id).join((enter) => {
      const g = enter.append('g').attr('class', 'node');
      g.append('rect').attr('class', 'node-ring');
      g.append('rect').attr('class', 'node-box');
      g.append('rect').attr('class', 'node-flash');
      g.append('text').attr('class', 'node-caption');
      g.append('text').attr('class', 'value');
      g.append('text').attr('class', 'gradient');
      g.append('text').attr('class', 'update');
      return g;
    })
      .attr('data-node', (node) => node.id)
      // Only what Enter acts on is a Tab stop: a weight or the bias opens its editor.
      .attr('tabindex', (node) => (isEditable(node) ? 0 : null))
      .attr('role', (node) => (isEditable(node) ? 'button' : 'img'))
      .attr('aria-describedby', tooltip.attr('id'))
      .attr('transform', (node) => `translate(${at(node.id).x},${at(node.id).y})`)
      .on('pointerenter', (event, node) => showTooltip(modelNode(node.id) ?? node, position(node.id)))
      .on('pointerleave', hideTooltip)
      .on('click', (event, node) => {
        if (isEditable(node)) openEditor(modelNode(node.id) ?? node, position(node.id));
      })
      .on('keydown', (event, node) => {
        if (isEditable(node) && (event.key === 'Enter' || event.key === ' ')) {
          event.preventDefault();
          event.stopPropagation();
          openEditor(modelNode(node.id) ?? node, position(node.id));
        }
      });

    // Focus shows the tooltip on the Tab stops only: Chromium makes any SVG element with a focus
    // listener focusable, so the other nodes must have none.
    nodes.filter(isEditable)
      .on('focus', (event, node) => showTooltip(modelNode(node.id) ?? node, position(node.id)))
      .on('blur', hideTooltip);
    nodes.filter((node) => !isEditable(node)).on('focus', null).on('blur', null);

    nodes.select('rect.node-box')
      .attr('x', (node) => -at(node.id).w / 2).attr('y', (node) => -at(node.id).h / 2)
      .attr('width', (node) => at(node.id).w).attr('height', (node) => at(node.id).h)
      .attr('rx', 8);
    // The focus ring: apart from the box by a gap, so it never reads as a (blue) weight's border.
    const RING = 5.25; // the focused box's 3 px border reaches 1.5 px out; a 2.5 px gap; the middle of the 2.5 px ring
    nodes.select('rect.node-ring')
      .attr('x', (node) => -at(node.id).w / 2 - RING).attr('y', (node) => -at(node.id).h / 2 - RING)
      .attr('width', (node) => at(node.id).w + 2 * RING).attr('height', (node) => at(node.id).h + 2 * RING)
      .attr('rx', 8 + RING);
    nodes.select('rect.node-flash')
      .attr('x', (node) => -at(node.id).w / 2 - 3).attr('y', (node) => -at(node.id).h / 2 - 3)
      .attr('width', (node) => at(node.id).w + 6).attr('height', (node) => at(node.id).h + 6)
      .attr('rx', 10);
    // Inside each box: the caption, the value, and the gradient or the change.
    const top = (node) => -at(node.id).h / 2;
    nodes.select('text.node-caption').attr('y', (node) => top(node) + 15);
    nodes.select('text.value').attr('y', (node) => top(node) + 36);
    nodes.select('text.gradient').attr('y', (node) => top(node) + 54);
    nodes.select('text.update').attr('y', (node) => top(node) + 54);

    // Operator badges (×, Σ, σ, L) sit on the node's corner so the number keeps the centre: a disc, or
    // for a word (tanh, softmax) a pill that ends there, reaching out to the left of the node rather than
    // along its top edge, where the caption is.
    const radius = layout.tall ? 11 : 13;
    const isWord = (symbol) => symbol.length > 2;
    const badgeWidth = (symbol) => (isWord(symbol) ? Math.max(2 * radius, symbol.length * 5.2 + 10) : 2 * radius);
    const badges = nodes.selectAll('g.badge').data((node) => (node.symbol ? [node] : []), (node) => node.id)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'badge');
        g.append('rect');
        g.append('text').attr('y', 4.5);
        return g;
      })
      .attr('transform', (node) => `translate(${-at(node.id).w / 2 + 2},${-at(node.id).h / 2 + 2})`);
    badges.select('rect').attr('x', (node) => radius - badgeWidth(node.symbol)).attr('y', -radius)
      .attr('height', 2 * radius).attr('rx', radius).attr('width', (node) => badgeWidth(node.symbol));
    badges.select('text').text((node) => node.symbol).classed('long', (node) => isWord(node.symbol))
      .attr('x', (node) => radius - badgeWidth(node.symbol) / 2);

    // A note under the value (the truth's class name): its text is a value, empty while unknown.
    const notes = nodes.selectAll('text.note').data((node) => ('note' in node ? [node] : []), (node) => node.id)
      .join('text').attr('class', 'note')
      .attr('y', (node) => -at(node.id).h / 2 + 51);

    const childOf = (selector) => nodes.nodes().map((g) => g.querySelector(selector));
    const noteOf = new Map(notes.nodes().map((element) => [d3.select(element).datum().id, element]));
    built = {
      key, shape: frame.shape, layout, linkSelection: links, nodeSelection: nodes,
      linkNodes: links.nodes(),
      linkWidths: model.links.map(() => NaN), // the stroke width each link shows now
      nodeElements: nodes.nodes(),
      captions: childOf('text.node-caption'),
      values: childOf('text.value'),
      gradients: childOf('text.gradient'),
      updates: childOf('text.update'),
      notes: model.nodes.map((node) => noteOf.get(node.id) ?? null),
    };
  }

  // ---- values: what a training step changes ----------------------------------------------------

  function drawLinks(frame, stages, duration) {
    const p = frame.snapshot.parameters;
    let maxWeight = 1e-6;
    for (const node of model.nodes) if (node.parameter !== undefined) maxWeight = Math.max(maxWeight, Math.abs(node.value));
    const widthOf = (value) => 1 + 4 * Math.min(1, Math.abs(value) / maxWeight);
    model.links.forEach((link, i) => {
      setAttribute(built.linkNodes[i], 'class',
        `link ${link.parameter !== undefined ? `weight-link ${signClass(p[link.parameter])}` : ''}`);
    });
    const weighted = built.linkSelection.filter((link) => link.parameter !== undefined);
    if (stages?.update) {
      // The update: each weight's link grows or shrinks from its old width to its new one.
      const { lastUpdates } = frame.snapshot;
      weighted.attr('stroke-width', (link) => widthOf(p[link.parameter] - lastUpdates[link.parameter]))
        .transition().duration(duration).attr('stroke-width', (link) => widthOf(p[link.parameter]));
      built.linkWidths.fill(NaN);
      return;
    }
    if (animating) weighted.interrupt();
    model.links.forEach((link, i) => {
      const width = link.parameter === undefined ? 1.5 : Math.round(widthOf(p[link.parameter]) * WIDTH_STEPS) / WIDTH_STEPS;
      if (built.linkWidths[i] !== width) {
        built.linkNodes[i].setAttribute('stroke-width', String(width));
        built.linkWidths[i] = width;
      }
    });
  }

  function drawNodes() {
    model.nodes.forEach((node, i) => {
      const element = built.nodeElements[i];
      const width = built.layout.positions.get(node.id).w;
      setAttribute(element, 'class', nodeClass(node));
      setAttribute(element, 'aria-label', ariaLabel(node));
      setText(built.captions[i], node.caption);
      setText(built.values[i], valueText(node, width));
      setAttribute(built.values[i], 'class', node.known && node.updated && width >= CHANGE_WIDTH ? 'value compact' : 'value');
      setText(built.gradients[i], node.gradientKnown ? `∂ ${formatNumber(node.gradient)}` : '');
      setText(built.updates[i], updateText(node));
      if (built.notes[i]) setText(built.notes[i], node.note && node.known ? node.note : '');
    });
  }

  function draw(frame, { animate }) {
    const chosen = target ? target(frame) : null;
    const last = frame.shape.layers.length - 1;
    const layerIndex = chosen?.layer ?? last;
    const neuron = chosen?.neuron ?? 0;
    model = neuronGraphModel(frame, layerIndex, neuron);
    measuredWidth ||= Math.round(root.node().clientWidth);
    const available = measuredWidth || 800;
    lastWidth = available;
    const layout = layoutGraph(model, available);
    const key = `${layerIndex}/${neuron}/${model.inputs}/${layout.tall}/${layout.width}/${model.withLoss}`;
    const relaid = !built || built.key !== key || built.shape !== frame.shape;
    if (relaid) build(frame, key, layout);
    setAttribute(svg.node(), 'aria-label', `Computational graph of ${model.title}`);
    setClass(root.node(), 'wide-scroll', layout.width > available);

    const duration = frame.duration ?? 600;
    const stages = animate && !relaid ? newStages(frame, model) : null;
    drawLinks(frame, stages, duration);
    drawNodes();
    if (stages) {
      animateStages({ model, layout: built.layout, stages, nodes: built.nodeSelection, pulseLayer, duration });
      animating = true;
    } else if (animating) {
      settleStages(built.nodeSelection);
      animating = false;
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
  legend.append('span').attr('class', 'legend-item legend-change').text('Δ change in the update');
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

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
// The model (nodes and links with their numbers) is graph-model.js's, the positions and curves
// graph-layout.js's.
import * as d3 from 'd3';
// d3's index is marked side-effect free, so a bundler drops the module that adds .transition() and
// .interrupt() to selections unless it is imported for its effect.
import 'd3-transition';
import { formatData, formatNumber, formatSigned, parseTyped } from '../format.js';
import { signClass } from './colors.js';
import { neuronGraphModel } from './graph-model.js';
import { curvePath, layoutGraph, linkCurve, pointOnCurve } from './graph-layout.js';

export { neuronGraphModel } from './graph-model.js';
export { curvePath, pointOnCurve } from './graph-layout.js';

const EXACT_DIGITS = 6;       // tooltips: "exact" values

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
      .attr('y', (node) => top(node) + 36)
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

// The neuron-level graph of a network with hidden layers: inputs, each layer's neurons and the loss.
// Links are coloured by the sign of their weight (orange negative, blue positive) and as thick as its
// magnitude. Each neuron shows its activation and, on the way back, its gradient ∂loss/∂z.
//
// Clicking a neuron (or Enter / Space on it) expands it into its own computational graph (the same
// drawing as graph.js: × per input, Σ with the bias, the activation) below the network; clicking it
// again, or "Collapse", folds it away. Pointing at a neuron focuses it for every view (the boundary
// views show that neuron's boundary).
//
// Every hidden and output neuron has a square slot for a boundary thumbnail, all of them drawn on one
// canvas over the network (one canvas: the browser composites every canvas as a layer of its own,
// and 49 small layers cost more to update each frame than one): options.drawThumbnails(atlas, frame,
// slots) is called after every update with the atlas canvas (its pixels cover the stage at the
// device's pixel ratio, .dataset.scale) and one slot per neuron, { unit, channel, layer, index, x, y,
// size }: its top-left corner and side in CSS px; channel = shape.inputs + unit indexes frame.grid(...)'s
// result.
// An empty element per slot (.neuron-thumbnail-slot[data-unit]) marks where each thumbnail is.
//
// Drawing is split in two: build() makes the elements (and binds their handlers) when the shape or
// the width changes; drawValues() runs every frame and only rewrites the attributes and texts whose
// values changed, so a training step restyles a handful of the 384 links of a large network, not all.
// Nodes are drawn at their coordinates, not moved there by a transform on their group: each SVG
// transform is a node of the browser's paint property trees, and a paint chunk to composite per frame.
import * as d3 from 'd3';
// d3's index is marked side-effect free, so a bundler drops the module that adds .transition() and
// .interrupt() to selections unless it is imported for its effect.
import 'd3-transition';
import { NOT_A_NUMBER, formatData, formatNumber, formatSigned } from '../format.js';
import { neuronName } from '../names.js';
import { progressOf } from '../progress.js';
import { signClass } from './colors.js';
import { createNeuronGraph, curvePath, sendPulse } from './graph.js';
import { OUTPUT_NAME_CHAR, OUTPUT_NAME_GAP, networkGeometry } from './network-layout.js';
import { setAttribute, setClass, setHidden, setText, writeDue } from './writes.js';

const EXACT_DIGITS = 6;
const MAX_PULSES = 96;
const WIDTH_STEPS = 20;          // link widths are drawn to 1/20 px: finer changes are invisible
// Playing, to 1/4 px, and only once a weight has drifted a whole step: every changed width restyles
// its link and re-rasterises the layer of links around it. At 1/20 px half of a W3 network's 384
// links changed every frame; rounded to 1/4 px, about fifty still did, most of them weights jittering
// across a rounding boundary from one mini-batch to the next.
const PLAYING_WIDTH_STEPS = 4;
const SCALE_STEP = 1.25;         // the weight drawn thickest is the next power of 1.25 above the largest
// A neuron's thumbnail square, in CSS px: 3 px inside the neuron's circle.
const slotOf = (n) => ({ x: n.x - n.size / 2 + 3, y: n.y - n.size / 2 + 3, size: n.size - 6 });

const DIVERGED_HINT = 'Training diverged: the weights overflowed, so the network has no numbers worth drawing. ' +
  'Step back to the last good step, or lower the learning rate and reset.';

/** "Hidden layers: tanh. ", for the hint when the column captions had no room to say it. */
function activationsNote(shape) {
  const hidden = shape.layers.slice(0, -1).map((layer) => layer.activation);
  if (hidden.length === 0) return '';
  if (new Set(hidden).size === 1) return `Hidden layers: ${hidden[0]}. `;
  return `Hidden layers: ${hidden.map((activation, l) => `${l + 1} ${activation}`).join(', ')}. `;
}

/**
 * @param {HTMLElement} container
 * @param {{ drawThumbnails?: (atlas: HTMLCanvasElement, frame: object, slots: object[]) => void }} options
 */
export function createNetworkView(container, { drawThumbnails = null } = {}) {
  const root = d3.select(container).append('div').attr('class', 'view network-view');
  const stage = root.append('div').attr('class', 'network-stage');
  // Two SVGs of the same size, one over the other: the links (and the pulses along them) below, in a
  // layer of their own that the browser keeps rasterised while the neurons' numbers and thumbnails
  // above them change every frame. In one SVG, each changed number re-rasterised the hundreds of curves
  // around it (measured: 16.5 → 6 ms of raster a frame for W3).
  const linkSvg = stage.append('svg').attr('class', 'network-svg network-links').attr('aria-hidden', 'true');
  const svg = stage.append('svg').attr('class', 'network-svg network-nodes').attr('role', 'group');
  const linkLayer = linkSvg.append('g').attr('class', 'links');
  const pulseLayer = linkSvg.append('g').attr('class', 'pulses');
  const nodeLayer = svg.append('g').attr('class', 'nodes');
  const slotLayer = stage.append('div').attr('class', 'thumbnail-slots').attr('aria-hidden', 'true');
  const atlas = slotLayer.append('canvas').attr('class', 'thumbnail-atlas');
  const tooltip = stage.append('div').attr('class', 'tooltip').attr('role', 'tooltip').property('hidden', true);
  const hint = root.append('p').attr('class', 'network-hint');
  const expansion = root.append('section').attr('class', 'neuron-expansion').property('hidden', true);
  const expansionHeader = expansion.append('div').attr('class', 'expansion-header');
  const expansionTitle = expansionHeader.append('h3');
  const collapseButton = expansionHeader.append('button').attr('type', 'button').attr('class', 'quiet-button').text('Collapse');
  let expandedUnit = null;
  let lastFrame = null;
  let progress = null;           // progressOf(lastFrame's snapshot): what the tooltips may show
  let built = null;              // what build() made: { shape, width, withLoss, geometry, selections, … }
  const expandedGraph = createNeuronGraph(expansion.node(), {
    target(frame) {
      if (expandedUnit === null) return null;
      const layer = frame.shape.layers.findIndex((l) => expandedUnit >= l.neuronOffset && expandedUnit < l.neuronOffset + l.neurons);
      return layer < 0 ? null : { layer, neuron: expandedUnit - frame.shape.layers[layer].neuronOffset };
    },
  });

  // The width comes from the ResizeObserver, so drawing a frame never forces a layout to measure it.
  let measuredWidth = 0;
  const resizeObserver = typeof ResizeObserver === 'function'
    ? new ResizeObserver(([entry]) => {
      measuredWidth = Math.round(entry.contentRect.width);
      if (lastFrame && built && Math.max(240, measuredWidth) !== built.width) draw(lastFrame, false);
    })
    : null;
  resizeObserver?.observe(stage.node());

  function toggle(unit) {
    expandedUnit = expandedUnit === unit ? null : unit;
    if (lastFrame) {
      draw(lastFrame, false);
      lastFrame.actions.focusNeuron(expandedUnit);
    }
  }
  collapseButton.on('click', () => {
    const unit = expandedUnit;
    expandedUnit = null;
    if (lastFrame) {
      draw(lastFrame, false);
      lastFrame.actions.focusNeuron(null);
    }
    nodeLayer.selectAll('g.neuron').filter((d) => d.unit === unit).node()?.focus();
  });

  /** Shows the tooltip beside the point (x, y): to its right, or to its left near the right edge. */
  function showTooltip(lines, x, y, offset = 12) {
    tooltip.selectAll('p').data(lines).join('p').text((line) => line);
    tooltip.node().hidden = false;
    const width = stage.node().clientWidth;
    const tipWidth = tooltip.node().offsetWidth;
    const left = x + offset + tipWidth <= width ? x + offset : Math.max(4, x - offset - tipWidth);
    tooltip.style('left', `${left}px`).style('top', `${Math.max(0, y - 16)}px`);
  }
  const hideTooltip = () => { tooltip.node().hidden = true; };
  const exact = (v) => formatNumber(v, EXACT_DIGITS);
  const nameOf = (shape, n) => neuronName(shape, n.layer, n.unit - shape.layers[n.layer].neuronOffset);

  // ---- structure: elements, positions and handlers, when the shape or the width changes ----------

  function build(frame, width) {
    const { shape } = frame;
    const withLoss = frame.data.task !== 'multiclass' && shape.outputs === 1;
    const geometry = networkGeometry(shape, width, withLoss);
    const { layout, links, lossNode, lossCurve } = geometry;
    svg.classed('crowded', layout.crowded);
    const usage = `${layout.crowded ? 'Too narrow for every number: point at a neuron to read it. ' : ''}` +
      `${geometry.captionsNameActivations ? '' : activationsNote(shape)}` +
      'Click a neuron to look inside it; click it again to fold it away.';
    for (const layer of [linkSvg, svg]) {
      layer.attr('viewBox', `0 0 ${width} ${layout.height}`).attr('width', width).attr('height', layout.height);
    }
    // Resizing a canvas clears it: the thumbnails are drawn again right after a build.
    const scale = globalThis.devicePixelRatio || 1;
    atlas.attr('width', Math.round(width * scale)).attr('height', Math.round(layout.height * scale))
      .style('width', `${width}px`).style('height', `${layout.height}px`).attr('data-scale', scale);
    svg.attr('aria-label', `Network: ${shape.inputs} inputs, ${shape.layers.map((l) => l.neurons).join(', ')} neurons per layer`);

    // The handlers read the snapshot drawn last, so they are bound once, not every frame.
    const linkSelection = linkLayer.selectAll('path.link').data(links, (link) => link.id).join('path')
      .attr('class', 'link weight-link')
      .attr('d', (link) => curvePath(link.curve))
      .on('pointerenter', (event, link) => {
        const { snapshot } = lastFrame;
        const lines = [`weight from ${link.from} to ${link.to}`, `value ${exact(snapshot.parameters[link.parameter])}`];
        if (progress.backwardFrom <= link.layer && !progress.updated) lines.push(`gradient ${exact(snapshot.gradients[link.parameter])}`);
        if (progress.updated) lines.push(`last update ${formatSigned(snapshot.lastUpdates[link.parameter], EXACT_DIGITS)}`);
        const [x, y] = d3.pointer(event, stage.node());
        showTooltip(lines, x, y, 14);
      })
      .on('pointerleave', hideTooltip);
    linkLayer.selectAll('path.loss-link').data(lossNode ? [lossNode] : []).join('path')
      .attr('class', 'link loss-link')
      .attr('d', curvePath(lossCurve ?? [[0, 0], [0, 0], [0, 0], [0, 0]]));

    const inputs = nodeLayer.selectAll('g.input').data(geometry.inputs, (n) => n.id)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'input');
        g.append('rect');
        g.append('text').attr('class', 'input-name');
        g.append('text').attr('class', 'value');
        return g;
      })
      .attr('data-node', (n) => n.id);
    inputs.select('rect').attr('x', (n) => n.x - n.size / 2).attr('y', (n) => n.y - n.size / 2)
      .attr('width', (n) => n.size).attr('height', (n) => n.size).attr('rx', 6);
    inputs.select('text.input-name').attr('x', (n) => n.x - n.size / 2 - 8).attr('y', (n) => n.y + 4)
      .text((n) => shape.inputNames[n.index] ?? `x${n.index + 1}`);
    inputs.select('text.value').attr('x', (n) => n.x).attr('y', (n) => n.y + 4);

    const neurons = nodeLayer.selectAll('g.neuron').data(geometry.neurons, (n) => n.id)
      .join((enter) => {
        const g = enter.append('g').attr('tabindex', 0).attr('role', 'button');
        g.append('rect').attr('class', 'neuron-box');
        g.append('text').attr('class', 'value');
        g.append('text').attr('class', 'gradient');
        return g;
      })
      .attr('data-node', (n) => n.id)
      .on('click', (event, n) => toggle(n.unit))
      .on('keydown', (event, n) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          event.stopPropagation();
          toggle(n.unit);
        }
      })
      .on('pointerenter focus', (event, n) => {
        const { snapshot, shape: current } = lastFrame;
        const known = progress.forwardLayers > n.layer;
        const lines = [nameOf(current, n)];
        lines.push(known ? `sum z ${exact(snapshot.weightedSums[n.unit])}` : 'not computed yet for this example');
        if (known) lines.push(`activation a ${exact(snapshot.activations[n.unit])}`);
        if (progress.backwardFrom <= n.layer && !progress.updated) lines.push(`gradient ∂loss/∂z ${exact(snapshot.deltas[n.unit])}`);
        showTooltip(lines, n.x, n.y, n.size / 2 + 10);
        lastFrame?.actions.focusNeuron(n.unit);
      })
      .on('pointerleave blur', () => {
        hideTooltip();
        lastFrame?.actions.focusNeuron(expandedUnit);
      });
    neurons.select('rect.neuron-box').attr('x', (n) => n.x - n.size / 2).attr('y', (n) => n.y - n.size / 2)
      .attr('width', (n) => n.size).attr('height', (n) => n.size).attr('rx', (n) => n.size / 2);
    neurons.select('text.value').attr('x', (n) => n.x).attr('y', (n) => n.y + n.size / 2 + 14);
    neurons.select('text.gradient').attr('x', (n) => n.x).attr('y', (n) => n.y + n.size / 2 + 27);

    // Multi-class outputs say which class each is, right of its circle (network-layout.js widens the
    // right margin for the longest name, up to a point), in the data's own words; a longer one is cut
    // short with an ellipsis where the room ends.
    const outputNames = shape.outputNames ?? [];
    const namedOutputs = outputNames.length > 0 ? geometry.neurons.filter((n) => n.layer === shape.layers.length - 1) : [];
    const nameX = (n) => n.x + n.size / 2 + OUTPUT_NAME_GAP;
    nodeLayer.selectAll('text.output-name').data(namedOutputs, (n) => n.id).join('text').attr('class', 'output-name')
      .attr('x', nameX).attr('y', (n) => n.y + 4)
      .text((n) => {
        const name = outputNames[n.index] ?? '';
        const room = Math.max(1, Math.floor((width - nameX(n)) / OUTPUT_NAME_CHAR)); // characters
        return name.length <= room ? name : `${name.slice(0, room - 1)}…`;
      });

    const loss = nodeLayer.selectAll('g.loss-node').data(lossNode ? [lossNode] : []).join((enter) => {
      const g = enter.append('g').attr('class', 'loss-node');
      g.append('rect');
      g.append('text').attr('class', 'symbol').text('L');
      g.append('text').attr('class', 'value');
      return g;
    }).attr('data-node', 'loss');
    loss.select('rect').attr('x', (n) => n.x - n.size / 2).attr('y', (n) => n.y - n.size / 2)
      .attr('width', (n) => n.size).attr('height', (n) => n.size).attr('rx', 6);
    loss.select('text.symbol').attr('x', (n) => n.x).attr('y', (n) => n.y + 5);
    loss.select('text.value').attr('x', (n) => n.x).attr('y', (n) => n.y + n.size / 2 + 14);

    nodeLayer.selectAll('text.column-caption').data(geometry.captions).join('text').attr('class', 'column-caption')
      .attr('x', (caption) => caption.x).attr('y', 14).text((caption) => caption.text);

    // Thumbnail slots, one empty HTML square per neuron, exactly over it: where its thumbnail is drawn.
    const slots = geometry.neurons.map((n) => ({
      unit: n.unit, channel: shape.inputs + n.unit, layer: n.layer, index: n.index, ...slotOf(n),
    }));
    slotLayer.selectAll('div.neuron-thumbnail-slot').data(slots, (slot) => slot.unit)
      .join('div').attr('class', 'neuron-thumbnail-slot').attr('data-unit', (slot) => slot.unit)
      .style('left', (slot) => `${slot.x}px`).style('top', (slot) => `${slot.y}px`)
      .style('width', (slot) => `${slot.size}px`).style('height', (slot) => `${slot.size}px`);

    const childOf = (selection, selector) => selection.nodes().map((node) => node.querySelector(selector));
    built = {
      shape, width, withLoss, geometry, linkSelection, neurons, slots, usage,
      linkNodes: linkSelection.nodes(),
      linkDrawn: links.map(() => ({ sign: null, width: NaN })), // what each link shows now
      inputValues: childOf(inputs, 'text.value'),
      neuronNodes: neurons.nodes(),
      neuronValues: childOf(neurons, 'text.value'),
      neuronGradients: childOf(neurons, 'text.gradient'),
      lossValue: loss.select('text.value').node(),
      linksAnimating: built?.linksAnimating ?? false, // the same elements may still be in a transition
    };
  }

  // ---- values: what a training step changes ----------------------------------------------------

  function drawLinks(frame, animate) {
    const { snapshot } = frame;
    const { links } = built.geometry;
    const weights = snapshot.parameters;
    if (snapshot.diverged) {
      // Weights that are NaN or astronomically large have no sign or thickness worth drawing: every
      // link is drawn alike (app.css: .weight-link.diverged), the network's shape without its numbers.
      built.linkSelection.interrupt();
      built.linksAnimating = false;
      built.linkNodes.forEach((node, i) => {
        setAttribute(node, 'class', 'link weight-link diverged');
        setAttribute(node, 'stroke-width', 1);
        built.linkDrawn[i] = { sign: 'diverged', width: 1 };
      });
      return;
    }
    let maxWeight = 1e-6;
    for (const link of links) maxWeight = Math.max(maxWeight, Math.abs(weights[link.parameter]));
    // Rounded up to a power of SCALE_STEP, the scale stays put while the largest weight drifts, so
    // the other links keep their widths from one frame to the next.
    const scale = SCALE_STEP ** Math.ceil(Math.log(maxWeight) / Math.log(SCALE_STEP));
    // 0.6 to 3.6 px: the widths compare at a glance, and 384 links of a deep network stay legible.
    const widthOf = (value) => 0.6 + 3 * Math.min(1, Math.abs(value) / scale);
    if (built.linksAnimating) {
      // A transition left its widths half way: stop it and write every width again.
      built.linkSelection.interrupt();
      built.linksAnimating = false;
      for (const drawn of built.linkDrawn) drawn.width = NaN;
    }
    // Playing, the links change as one, once per PACE_MS (writes.js), like the page's numbers: a
    // changed link makes the browser repaint and re-rasterise the whole layer of links, for one link
    // as for fifty.
    if (frame.playing && !writeDue(linkSvg.node())) return;
    links.forEach((link, i) => {
      const sign = signClass(weights[link.parameter]);
      const drawn = built.linkDrawn[i];
      if (drawn.sign !== sign) {
        built.linkNodes[i].setAttribute('class', `link weight-link ${sign}`);
        drawn.sign = sign;
      }
    });
    const updating = animate && progress.updated && frame.previous && frame.previous.tick < snapshot.tick;
    if (updating) {
      built.linksAnimating = true;
      built.linkSelection
        .attr('stroke-width', (link) => widthOf(weights[link.parameter] - snapshot.lastUpdates[link.parameter]))
        .transition().duration(frame.duration ?? 600).attr('stroke-width', (link) => widthOf(weights[link.parameter]));
      return;
    }
    const steps = frame.playing ? PLAYING_WIDTH_STEPS : WIDTH_STEPS;
    links.forEach((link, i) => {
      const exact = widthOf(weights[link.parameter]);
      const drawn = built.linkDrawn[i];
      // Playing, a width moves only once its weight has drifted a whole step away: a weight that
      // jitters from one mini-batch to the next around a rounding boundary leaves its link alone.
      if (frame.playing && Math.abs(exact - drawn.width) < 1 / steps) return;
      const width = Math.round(exact * steps) / steps;
      if (drawn.width !== width) {
        built.linkNodes[i].setAttribute('stroke-width', String(width));
        drawn.width = width;
      }
    });
  }

  function drawNodes(frame) {
    const { snapshot, shape } = frame;
    // A diverged run's sums, activations and gradients overflowed (NaN, or numbers like 3e+37 on the
    // way there): they are not drawn, only a dash. The inputs are the data's, still good.
    const diverged = snapshot.diverged;
    const shown = (value) => (diverged ? NOT_A_NUMBER : formatNumber(value));
    // Playing, the numbers are rewritten as one, once per PACE_MS (writes.js): a number that changes
    // a few frames after the others waits for the next turn of the slot with them, so the browser lays
    // out and repaints the layer of neurons five times a second, each time with every number of a step.
    const numbersDue = writeDue(svg.node());
    const setNumber = (node, text) => { if (numbersDue) setText(node, text, false); };
    built.geometry.inputs.forEach((n, i) => {
      setNumber(built.inputValues[i], progress.forwardLayers >= 1 ? formatData(snapshot.inputs[n.index], 2) : '·');
    });
    const backward = (layer) => progress.backwardFrom <= layer && !progress.updated;
    built.geometry.neurons.forEach((n, i) => {
      const node = built.neuronNodes[i];
      const known = progress.forwardLayers > n.layer;
      const expanded = expandedUnit === n.unit;
      setAttribute(node, 'class', `neuron ${n.kind}${known ? '' : ' pending'}${expanded ? ' expanded' : ''}` +
        `${frame.focus?.neuron === n.unit ? ' focused' : ''}`);
      setAttribute(node, 'aria-expanded', String(expanded));
      // Spoken labels wait for the run to stop: a label changing sixty times a second helps no one.
      if (!frame.playing) {
        setAttribute(node, 'aria-label', `${nameOf(shape, n)}: ` +
          `${diverged ? 'no output, training diverged' : known ? `output ${formatNumber(snapshot.activations[n.unit])}` : 'not computed yet'}. ` +
          `${expanded ? 'Expanded; press Enter to collapse.' : 'Press Enter to look inside.'}`);
      }
      setNumber(built.neuronValues[i], known || diverged ? shown(snapshot.activations[n.unit]) : '·');
      setNumber(built.neuronGradients[i], backward(n.layer) && !diverged ? `∂ ${formatNumber(snapshot.deltas[n.unit])}` : '');
    });
    if (built.lossValue) setNumber(built.lossValue, progress.loss || diverged ? shown(snapshot.exampleLoss) : '·');
  }

  function draw(frame, animate) {
    const { snapshot, shape } = frame;
    measuredWidth ||= Math.round(stage.node().clientWidth);
    const width = Math.max(240, measuredWidth || 800);
    const withLoss = frame.data.task !== 'multiclass' && shape.outputs === 1;
    if (!built || built.shape !== shape || built.width !== width || built.withLoss !== withLoss) build(frame, width);
    progress = progressOf(snapshot, shape);
    drawLinks(frame, animate);
    drawNodes(frame);
    const { diverged } = snapshot;
    setClass(root.node(), 'diverged', diverged);
    setText(hint.node(), diverged ? DIVERGED_HINT : built.usage, false);

    // A diverged run's thumbnails would be drawn from overflowed numbers: the atlas is hidden instead.
    if (!diverged) drawThumbnails?.(atlas.node(), frame, built.slots);

    if (animate && !diverged) animatePhases(frame);

    // The expanded neuron.
    const stillThere = expandedUnit !== null && expandedUnit < shape.neuronCount;
    if (!stillThere) expandedUnit = null;
    setHidden(expansion.node(), expandedUnit === null);
    if (expandedUnit !== null) {
      const layer = shape.layers.findIndex((l) => expandedUnit >= l.neuronOffset && expandedUnit < l.neuronOffset + l.neurons);
      const name = neuronName(shape, layer, expandedUnit - shape.layers[layer].neuronOffset);
      setText(expansionTitle.node(), `Inside ${name}`);
      setAttribute(collapseButton.node(), 'aria-label', `Collapse ${name}`);
      expandedGraph.update(frame);
    }
    setHidden(hint.node(), expandedUnit !== null);
  }

  function animatePhases(frame) {
    const { snapshot, previous, shape } = frame;
    if (!previous || snapshot.tick <= previous.tick) return;
    const { links, lossCurve } = built.geometry;
    const { neurons } = built;
    const layers = shape.layers.length;
    const stages = [];
    if (snapshot.tick === previous.tick + 1) {
      if (snapshot.phase === 'forward') stages.push({ kind: 'forward', layer: snapshot.phaseLayer });
      if (snapshot.phase === 'loss') stages.push({ kind: 'loss' });
      if (snapshot.phase === 'backward') stages.push({ kind: 'backward', layer: snapshot.phaseLayer });
    } else {
      for (let l = 0; l < progress.forwardLayers; l += 1) stages.push({ kind: 'forward', layer: l });
      if (progress.loss) stages.push({ kind: 'loss' });
      for (let l = layers - 1; l >= progress.backwardFrom && !progress.updated; l -= 1) stages.push({ kind: 'backward', layer: l });
    }
    if (stages.length === 0) return;
    const stageDuration = (frame.duration ?? 600) / stages.length;
    const pulse = (curve, reverse, delay, kind) =>
      sendPulse(pulseLayer, curve, { reverse, delay, duration: stageDuration * 0.9, kind, radius: kind === 'backward' ? 5 : 4.5 });
    const strongest = (candidates) => candidates
      .sort((a, b) => Math.abs(snapshot.parameters[b.parameter]) - Math.abs(snapshot.parameters[a.parameter]))
      .slice(0, MAX_PULSES);
    stages.forEach((stage, position) => {
      const delay = position * stageDuration;
      if (stage.kind === 'forward') {
        for (const link of strongest(links.filter((l) => l.layer === stage.layer))) pulse(link.curve, false, delay, 'forward');
        neurons.filter((n) => n.layer === stage.layer).select('text.value')
          .interrupt().style('opacity', 0).transition().delay(delay + stageDuration * 0.8).duration(200).style('opacity', 1);
      } else if (stage.kind === 'loss' && lossCurve) {
        pulse(lossCurve, false, delay, 'forward');
      } else if (stage.kind === 'backward') {
        if (stage.layer === layers - 1) {
          if (lossCurve) pulse(lossCurve, true, delay, 'backward');
        } else {
          for (const link of strongest(links.filter((l) => l.layer === stage.layer + 1))) pulse(link.curve, true, delay, 'backward');
        }
        neurons.filter((n) => n.layer === stage.layer).select('text.gradient')
          .interrupt().style('opacity', 0).transition().delay(delay + stageDuration * 0.8).duration(200).style('opacity', 1);
      }
    });
  }

  return {
    update(frame) {
      lastFrame = frame;
      draw(frame, frame.animate);
    },
    destroy() {
      resizeObserver?.disconnect();
      expandedGraph.destroy();
      root.remove();
    },
  };
}

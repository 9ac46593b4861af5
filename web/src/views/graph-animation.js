// The story a hand step tells on a neuron's computational graph (graph.js): which stages of the current
// example the step completed (newStages), and their animation — pulses travelling along the links,
// values and gradients fading in where they are computed, a flash on each updated parameter (and the
// forward values' "before update" tags fading in).
// Nothing here runs while the network plays: playing never animates a step.
import * as d3 from 'd3';
// d3's index is marked side-effect free, so a bundler drops the module that adds .transition() and
// .interrupt() to selections unless it is imported for its effect.
import 'd3-transition';
import { linkCurve, pointOnCurve } from './graph-layout.js';

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

/**
 * Which stages of the current example this frame newly completed, in order, for the animation:
 * { forward, loss, backward, update, count } — each the stage's position or null; null for none.
 */
export function newStages(frame, model) {
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

/**
 * Plays `stages` over `duration` ms: pulses in `pulseLayer` along the model's links (positions from
 * `layout`), and fades on the node elements of the d3 selection `nodes` (one g per model node).
 * The link widths of an update are graph.js's (they need the weights before and after).
 */
export function animateStages({ model, layout, stages, nodes, pulseLayer, duration }) {
  const position = (id) => layout.positions.get(id);
  const stepDuration = duration / Math.max(1, stages.count);
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
    const known = new Set(model.nodes.filter((node) => node.gradientKnown).map((node) => node.id));
    nodes.filter((node) => known.has(node.id)).select('text.gradient')
      .each(function (node) {
        const order = (backOrder[node.kind] ?? 1) - (model.withLoss ? 0 : 1);
        reveal(d3.select(this), start(stages.backward) + (order * stepDuration) / depth);
      });
  }
  if (stages.update !== null) {
    const updated = new Set(model.nodes.filter((node) => node.updated).map((node) => node.id));
    nodes.filter((node) => updated.has(node.id)).select('rect.node-flash')
      .interrupt().style('opacity', 0)
      .transition().delay(start(stages.update)).duration(stepDuration * 0.4).style('opacity', 1)
      .transition().duration(stepDuration * 0.6).style('opacity', 0);
    // and the forward values, now those of the old weights, take their "before update" tag
    const tagged = new Set(model.nodes.filter((node) => node.beforeUpdate).map((node) => node.id));
    reveal(nodes.filter((node) => tagged.has(node.id)).select('text.update'), start(stages.update) + stepDuration * 0.4);
  }
}

/** Stops every fade animateStages started on `nodes` and shows what they faded. */
export function settleStages(nodes) {
  nodes.interrupt();
  nodes.select('text.value').interrupt().style('opacity', null);
  nodes.select('text.gradient').interrupt().style('opacity', null);
  nodes.select('text.update').interrupt().style('opacity', null);
  nodes.select('rect.node-flash').interrupt().style('opacity', null);
}

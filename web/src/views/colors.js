// The page's colours, shared by every view (the graph, the network, the heat map, the cube, the table).
//
// One diverging pair carries all meaning: ORANGE for negative weights and for class 0 ("dislikes"),
// BLUE for positive weights and for class 1 ("likes"); a near-neutral tone sits between them. Orange
// against blue stays distinct in the common colour-vision deficiencies (deuteranopia, protanopia,
// tritanopia), unlike red against green. Gradients travelling backwards use a third hue (a crimson
// magenta, chosen so that under simulated deuteranopia it still differs from both the orange and the
// blue: tests/browser/graph.test.mjs measures it), and they never rely on colour alone: gradient
// values carry a ∂, nodes holding one get a dashed outline, and backward pulses are rings where
// forward pulses are dots. Several classes use the Okabe–Ito palette.
//
// Light and dark pages need different tones for the same meaning: every function takes the scheme
// ('light' | 'dark'), defaulting to the reader's prefers-color-scheme. CSS mirrors these values in
// custom properties (web/static/app.css); SVG views use CSS classes, canvas views use these functions.
import * as d3 from 'd3';

export const PALETTE = {
  light: {
    negative: '#d76b00',   // orange: negative weight, class 0
    positive: '#1f6fbf',   // blue: positive weight, class 1
    neutral: '#f2f0ec',    // the middle of the diverging scale (0, or probability 0.5)
    gradient: '#c51162',   // magenta-crimson: backward pass, gradients
    forward: '#2b2f36',    // the forward pass: values travel in ink
    ink: '#1d2127',
    muted: '#6b7280',
    background: '#ffffff',
    testSeries: '#8c6bb1',  // the loss chart's test line (boundary.css .loss-chart__key--test)
    halo: 'rgba(255, 255, 255, 0.85)', // under a line drawn over a heat map (heatmap.js's boundary line)
  },
  dark: {
    negative: '#f59b42',
    positive: '#5aaaf0',
    neutral: '#2a2d33',
    gradient: '#f55ca0',
    forward: '#e9ebee',
    ink: '#eef0f3',
    muted: '#a0a6b0',
    background: '#16181c',
    testSeries: '#8c6bb1',
    halo: 'rgba(0, 0, 0, 0.6)',
  },
};

/** Okabe–Ito colours for data sets with several classes (3 to 8), in class order. */
export const CLASS_PALETTE = ['#e69f00', '#56b4e9', '#009e73', '#f0e442', '#0072b2', '#d55e00', '#cc79a7', '#999999'];

let darkQuery; // one MediaQueryList: matchMedia parses its query on every call, .matches stays current
const darkSchemeQuery = () => (typeof matchMedia === 'function' ? (darkQuery ??= matchMedia('(prefers-color-scheme: dark)')) : null);

/**
 * Calls onChange() whenever the reader's colour scheme changes (canvas views redraw in the new
 * colours; SVG views follow the stylesheet by themselves). Returns the function that stops it.
 */
export function watchColorScheme(onChange) {
  const query = darkSchemeQuery();
  query?.addEventListener?.('change', onChange);
  return () => query?.removeEventListener?.('change', onChange);
}

/** 'dark' when the reader's system prefers a dark colour scheme, otherwise 'light'. */
export function colorScheme() {
  return darkSchemeQuery()?.matches ? 'dark' : 'light';
}

/** The colours of one scheme: { negative, positive, neutral, gradient, forward, ink, muted, background, testSeries, halo }. */
export function palette(scheme = colorScheme()) {
  return PALETTE[scheme] ?? PALETTE.light;
}

/** Orange for a negative number, blue for a positive one, neutral for zero or a non-finite value. */
export function signColor(value, scheme = colorScheme()) {
  const colors = palette(scheme);
  if (!(Number.isFinite(value) && value !== 0)) return colors.neutral;
  return value < 0 ? colors.negative : colors.positive;
}

/**
 * A diverging scale for weights and other signed values: −maxMagnitude → orange, 0 → neutral,
 * +maxMagnitude → blue (clamped beyond).
 */
export function divergingScale(maxMagnitude = 1, scheme = colorScheme()) {
  const colors = palette(scheme);
  const magnitude = Number.isFinite(maxMagnitude) && maxMagnitude > 0 ? maxMagnitude : 1;
  return d3
    .scaleDiverging(d3.interpolateRgbBasis([colors.negative, colors.neutral, colors.positive]))
    .domain([-magnitude, 0, magnitude])
    .clamp(true);
}

/**
 * The colour of a predicted probability of class 1: 0 → orange (class 0), 0.5 → neutral,
 * 1 → blue (class 1). For heat maps of a binary classifier.
 */
export function probabilityScale(scheme = colorScheme()) {
  const colors = palette(scheme);
  return d3
    .scaleDiverging(d3.interpolateRgbBasis([colors.negative, colors.neutral, colors.positive]))
    .domain([0, 0.5, 1])
    .clamp(true);
}

/** The colour of a class label: binary 0 → orange, 1 → blue; more classes → CLASS_PALETTE. */
export function classColor(label, classCount = 2, scheme = colorScheme()) {
  if (classCount <= 2) {
    const colors = palette(scheme);
    return label >= 0.5 ? colors.positive : colors.negative;
  }
  return CLASS_PALETTE[Math.max(0, Math.round(label)) % CLASS_PALETTE.length];
}

/** The CSS class that colours an SVG or HTML element by sign: 'negative', 'positive' or 'zero'. */
export function signClass(value) {
  if (!(Number.isFinite(value) && value !== 0)) return 'zero';
  return value < 0 ? 'negative' : 'positive';
}

// The heat maps' colour tables: a colour scale sampled into a lookup table of packed RGBA words, so
// painting a pixel is one index into an array (heatmap-paint.js). Built once per colour scheme.
import * as d3 from 'd3';
import { CLASS_PALETTE, colorScheme, palette } from './colors.js';

export const LUT_SIZE = 256;
const REGRESSION_BANDS = 8;      // the discretised regression map shows this many bands

/**
 * A colour lookup table: `size` colours sampled from `interpolator` over [0, 1], as packed RGBA
 * words (Uint32Array, the platform's byte order, as ImageData's buffer uses it).
 */
export function buildColorTable(interpolator, size = LUT_SIZE) {
  const bytes = new Uint8ClampedArray(size * 4);
  for (let i = 0; i < size; i += 1) {
    const color = d3.rgb(interpolator(size === 1 ? 0 : i / (size - 1)));
    bytes[i * 4] = color.r;
    bytes[i * 4 + 1] = color.g;
    bytes[i * 4 + 2] = color.b;
    bytes[i * 4 + 3] = 255;
  }
  return new Uint32Array(bytes.buffer);
}

/** The same table cut into `levels` flat bands (levels = 2: below 0.5 → first colour, else last). */
export function discretizeColorTable(table, levels) {
  const size = table.length;
  const banded = new Uint32Array(size);
  for (let i = 0; i < size; i += 1) {
    const band = Math.min(levels - 1, Math.floor((i / size) * levels));
    banded[i] = table[Math.round((band / (levels - 1)) * (size - 1))];
  }
  return banded;
}

// The heat map's background field uses the class colours softened toward the neutral middle, so
// the data points (full colour) stand out against it.
const FIELD_STRENGTH = 0.66;

function fieldInterpolator(scheme) {
  const colors = palette(scheme);
  const low = d3.interpolateLab(colors.neutral, colors.negative)(FIELD_STRENGTH);
  const high = d3.interpolateLab(colors.neutral, colors.positive)(FIELD_STRENGTH);
  return d3.interpolateRgbBasis([low, colors.neutral, high]);
}

/** Colour tables for one colour scheme, built once and reused by every view. */
const tablesByScheme = new Map();
export function colorTables(scheme = colorScheme()) {
  let tables = tablesByScheme.get(scheme);
  if (!tables) {
    const colors = palette(scheme);
    const diverging = buildColorTable(fieldInterpolator(scheme));
    const classTables = CLASS_PALETTE.map((color) =>
      buildColorTable(d3.interpolateLab(colors.neutral, d3.interpolateLab(colors.neutral, color)(0.85))));
    const sequential = buildColorTable(scheme === 'dark' ? d3.interpolateViridis : (t) => d3.interpolateViridis(0.08 + 0.92 * t));
    tables = {
      scheme,
      diverging,
      divergingDiscrete: discretizeColorTable(diverging, 2),
      classes: classTables,
      classesDiscrete: classTables.map((table) => table.map(() => table[table.length - 1])),
      sequential,
      sequentialDiscrete: discretizeColorTable(sequential, REGRESSION_BANDS),
    };
    tablesByScheme.set(scheme, tables);
  }
  return tables;
}

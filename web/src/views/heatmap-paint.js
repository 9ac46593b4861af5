// Painting grid values into pixels through a colour table (heatmap-colors.js): the heat map's whole
// plane, a multi-class map, and the network view's small per-neuron thumbnails. Each writes packed
// RGBA words into a Uint32Array over an ImageData's buffer; the caller puts the image on its canvas.
// paintValues(pixels, values, offset, count, table, low, high) keeps its signature so that colours
// computed elsewhere (e.g. by the engine) can replace it.
import { colorTables } from './heatmap-colors.js';
import { adaptiveRange } from './heatmap-grid.js';

/**
 * Colours `count` values through a table: values[offset + i] in [low, high] → table entry, written
 * as pixel i of `pixels` (a Uint32Array over an ImageData's buffer).
 */
export function paintValues(pixels, values, offset, count, table, low, high) {
  const last = table.length - 1;
  const scale = table.length / (high - low);
  for (let i = 0; i < count; i += 1) {
    let index = ((values[offset + i] - low) * scale) | 0; // NaN becomes 0
    if (index < 0) index = 0;
    else if (index > last) index = last;
    pixels[i] = table[index];
  }
}

/**
 * paintValues for every `stride`-th sample of a rows × columns image (the middle one of each block).
 * With `alpha` (one byte per pixel), each pixel takes that alpha instead of the table's, and pixels
 * of alpha 0 are not looked up at all (a thumbnail's corners, outside its disc).
 */
export function paintEvery(stride, pixels, values, offset, rows, columns, table, low, high, alpha = null) {
  const width = Math.ceil(columns / stride);
  const height = Math.ceil(rows / stride);
  const half = stride >> 1;
  const last = table.length - 1;
  const scale = table.length / (high - low);
  for (let r = 0; r < height; r += 1) {
    const rowStart = offset + Math.min(rows - 1, r * stride + half) * columns;
    for (let c = 0; c < width; c += 1) {
      const pixel = r * width + c;
      if (alpha !== null && alpha[pixel] === 0) {
        pixels[pixel] = 0;
        continue;
      }
      let index = ((values[rowStart + Math.min(columns - 1, c * stride + half)] - low) * scale) | 0;
      if (index < 0) index = 0;
      else if (index > last) index = last;
      // Pixels are RGBA bytes, so as little-endian words the alpha is the top byte.
      pixels[pixel] = alpha === null ? table[index] : (table[index] & 0xffffff) | (alpha[pixel] << 24);
    }
  }
}

/** Multi-class: each pixel takes the colour of its most likely class, shaded by how likely. */
export function paintClasses(pixels, values, firstChannel, classCount, count, tables) {
  const size = tables[0].length;
  const last = size - 1;
  const chance = 1 / classCount;
  const scale = size / (1 - chance);
  for (let i = 0; i < count; i += 1) {
    let best = 0;
    let bestValue = -Infinity;
    for (let k = 0; k < classCount; k += 1) {
      const value = values[(firstChannel + k) * count + i];
      if (value > bestValue) { bestValue = value; best = k; }
    }
    let index = ((bestValue - chance) * scale) | 0;
    if (!(index >= 0)) index = 0;
    else if (index > last) index = last;
    pixels[i] = tables[best % tables.length][index];
  }
}

const thumbnailImages = new WeakMap(); // canvas → { context, imageData, pixels }
const THUMBNAIL_ALPHA = 0.92;          // a thumbnail lets a little of the neuron's circle show through
const discMasks = new Map();           // "width×height" → alpha (0–255) of each pixel: a disc

/**
 * The alpha of each pixel of a width × height image cut to the disc inscribed in it, with an edge
 * one pixel soft. Baked into the thumbnails' pixels, it replaces a rounded clip and an opacity per
 * canvas, which the browser would otherwise composite separately for each of a network's neurons.
 */
function discMask(width, height) {
  const key = `${width}×${height}`;
  let mask = discMasks.get(key);
  if (!mask) {
    mask = new Uint8Array(width * height);
    const radius = Math.min(width, height) / 2;
    for (let y = 0; y < height; y += 1) {
      for (let x = 0; x < width; x += 1) {
        const distance = Math.hypot(x + 0.5 - width / 2, y + 0.5 - height / 2);
        const coverage = Math.min(1, Math.max(0, radius - distance + 0.5));
        mask[y * width + x] = Math.round(255 * THUMBNAIL_ALPHA * coverage);
      }
    }
    discMasks.set(key, mask);
  }
  return mask;
}

/** The canvas's 2-D context and an ImageData of its size, kept from one frame to the next. */
function imageFor(canvas, columns, rows) {
  let cached = thumbnailImages.get(canvas);
  if (!cached || cached.imageData.width !== columns || cached.imageData.height !== rows) {
    if (canvas.width !== columns) canvas.width = columns;
    if (canvas.height !== rows) canvas.height = rows;
    const context = cached?.context ?? canvas.getContext('2d');
    const imageData = context.createImageData(columns, rows);
    cached = { context, imageData, pixels: new Uint32Array(imageData.data.buffer) };
    thumbnailImages.set(canvas, cached);
  }
  return cached;
}

/**
 * Draws one channel of a grid (e.g. a neuron's output) into a small canvas, cut to a disc, reusing the canvas's
 * ImageData between calls. `coloring` is channelColoring(shape, channel) or { low, high }.
 * Options: `table`, the colour table (default: the page's diverging one, orange → neutral → blue);
 * `maxSide`, the most pixels along a side (default 50): a 100 × 100 grid is drawn from every second
 * sample, which is all a thumbnail shows and a quarter of the pixels to copy.
 *
 *   drawThumbnail(canvas, frame.grid(spec), (shape.inputs + k) * rows * columns, rows, columns,
 *                 channelColoring(shape, shape.inputs + k));
 */
export function drawThumbnail(canvas, values, offset, rows, columns, coloring = {}, options = {}) {
  const { table = colorTables().diverging, maxSide = 50 } = options;
  const stride = Math.max(1, Math.ceil(Math.max(rows, columns) / maxSide));
  const width = Math.ceil(columns / stride);
  const height = Math.ceil(rows / stride);
  const { context, imageData, pixels } = imageFor(canvas, width, height);
  paintDisc(pixels, width, height, stride, values, offset, rows, columns, coloring, table);
  context.putImageData(imageData, 0, 0);
}

/** A thumbnail's pixels (width × height, every stride-th sample), coloured as `coloring` says, cut to a disc. */
function paintDisc(pixels, width, height, stride, values, offset, rows, columns, coloring, table) {
  let { low = -1, high = 1 } = coloring;
  if (coloring.adaptive) [low, high] = adaptiveRange(values, offset, rows * columns);
  paintEvery(stride, pixels, values, offset, rows, columns, table, low, high, discMask(width, height));
}

const atlasImages = new WeakMap(); // atlas canvas → { context, images: side → { imageData, pixels } }

/**
 * Draws one channel of a side × side grid as a thumbnail cut to a disc at (x, y) (canvas pixels) of
 * an atlas canvas that holds many thumbnails, every pixel one sample (stride 1). The thumbnail's
 * square replaces what was there (putImageData does not blend), so the corners outside the disc are
 * transparent; one ImageData per side serves every thumbnail, as putImageData copies it at once.
 */
export function drawThumbnailAt(atlas, x, y, values, offset, side, coloring = {}, { table = colorTables().diverging } = {}) {
  let cached = atlasImages.get(atlas);
  if (!cached) {
    cached = { context: atlas.getContext('2d'), images: new Map() };
    atlasImages.set(atlas, cached);
  }
  let image = cached.images.get(side);
  if (!image) {
    const imageData = cached.context.createImageData(side, side);
    image = { imageData, pixels: new Uint32Array(imageData.data.buffer) };
    cached.images.set(side, image);
  }
  paintDisc(image.pixels, side, side, 1, values, offset, side, side, coloring, table);
  cached.context.putImageData(image.imageData, x, y);
}

// Painting grid values into pixels through a colour table (heatmap-colors.js): the heat map's whole
// plane, a multi-class map, and the network view's small per-neuron thumbnails (on one atlas canvas).
// Each writes packed RGBA words into a Uint32Array over an ImageData's buffer; the caller puts the
// image on its canvas (drawThumbnailAt puts its own).
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

const THUMBNAIL_ALPHA = 0.92;          // a thumbnail lets a little of the neuron's circle show through

/**
 * The alpha of each pixel of a side × side image cut to the disc inscribed in it, with an edge one
 * pixel soft. Baked into the thumbnails' pixels, it replaces a rounded clip and an opacity per
 * canvas, which the browser would otherwise composite separately for each of a network's neurons.
 */
function discMask(side) {
  const mask = new Uint8Array(side * side);
  const radius = side / 2;
  for (let y = 0; y < side; y += 1) {
    for (let x = 0; x < side; x += 1) {
      const distance = Math.hypot(x + 0.5 - radius, y + 0.5 - radius);
      const coverage = Math.min(1, Math.max(0, radius - distance + 0.5));
      mask[y * side + x] = Math.round(255 * THUMBNAIL_ALPHA * coverage);
    }
  }
  return mask;
}

const atlasImages = new WeakMap(); // atlas canvas → { context, images: side → { imageData, pixels, mask } }

/**
 * Draws one channel of a side × side grid (e.g. a neuron's output) as a thumbnail cut to a disc at
 * (x, y) (canvas pixels) of an atlas canvas that holds many thumbnails, every pixel one sample. The
 * thumbnail's square replaces what was there (putImageData does not blend), so the corners outside
 * the disc are transparent; one ImageData per side serves every thumbnail, as putImageData copies it
 * at once. `coloring` is channelColoring(shape, channel) or { low, high }; `table`, the colour table
 * (default: the page's diverging one, orange → neutral → blue).
 *
 *   drawThumbnailAt(atlas, x, y, frame.grid(boundaryGridSpec(data, side)), channel * side * side, side,
 *                   channelColoring(shape, channel));
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
    image = { imageData, pixels: new Uint32Array(imageData.data.buffer), mask: discMask(side) };
    cached.images.set(side, image);
  }
  let { low = -1, high = 1 } = coloring;
  if (coloring.adaptive) [low, high] = adaptiveRange(values, offset, side * side);
  paintEvery(1, image.pixels, values, offset, side, side, table, low, high, image.mask);
  cached.context.putImageData(image.imageData, x, y);
}

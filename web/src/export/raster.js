// SVG text to pixels. The browser rasterises the SVG through an <img> loaded from a blob: URL, so a
// page's Content-Security-Policy must allow `img-src blob:` (the app's does; a strict embed may not,
// and then this rejects with a message saying so).

/**
 * @param {{ svg: string, width: number, height: number }} picture
 * @param {number} scale device pixels per CSS pixel of the output
 * @returns {Promise<HTMLCanvasElement>}
 */
export function svgToCanvas({ svg, width, height }, scale = 2) {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      const context = canvas.getContext('2d');
      context.scale(scale, scale);
      context.drawImage(image, 0, 0, width, height);
      URL.revokeObjectURL(url);
      resolve(canvas);
    };
    image.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('the browser could not draw the figure as an image (is img-src blob: blocked by this page\'s security policy?)'));
    };
    image.src = url;
  });
}

/** @returns {Promise<Blob>} */
export function canvasToPng(canvas) {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png');
  });
}

// Animations of training for a writer to paste into a post: frames (canvases of equal size) encoded
// as an animated GIF (gifenc: a palette per frame, LZW) or as a WebM video (MediaRecorder).
import { GIFEncoder, quantize, applyPalette } from 'gifenc';

/**
 * @param {HTMLCanvasElement[]} frames
 * @param {{ delay?: number, onProgress?: (fraction: number) => void }} options delay in ms per frame
 * @returns {Promise<Blob>}
 */
export async function encodeGif(frames, { delay = 250, onProgress = () => {} } = {}) {
  if (frames.length === 0) throw new Error('nothing to record: no frames');
  const { width, height } = frames[0];
  const gif = GIFEncoder();
  for (let i = 0; i < frames.length; i += 1) {
    const { data } = frames[i].getContext('2d').getImageData(0, 0, width, height);
    const palette = quantize(data, 256);
    gif.writeFrame(applyPalette(data, palette), width, height, { palette, delay });
    onProgress((i + 1) / frames.length);
    await new Promise((resolve) => setTimeout(resolve, 0)); // let the progress bar repaint
  }
  gif.finish();
  return new Blob([gif.bytes()], { type: 'image/gif' });
}

/**
 * @param {HTMLCanvasElement[]} frames
 * @param {{ delay?: number, onProgress?: (fraction: number) => void }} options
 * @returns {Promise<Blob>}
 */
export async function encodeWebm(frames, { delay = 250, onProgress = () => {} } = {}) {
  if (frames.length === 0) throw new Error('nothing to record: no frames');
  if (typeof MediaRecorder === 'undefined' || !MediaRecorder.isTypeSupported('video/webm')) {
    throw new Error('this browser cannot record WebM video; choose GIF instead');
  }
  const canvas = document.createElement('canvas');
  canvas.width = frames[0].width;
  canvas.height = frames[0].height;
  const context = canvas.getContext('2d');
  context.drawImage(frames[0], 0, 0);
  const stream = canvas.captureStream(0);
  const [track] = stream.getVideoTracks();
  const recorder = new MediaRecorder(stream, { mimeType: 'video/webm' });
  const chunks = [];
  recorder.ondataavailable = (event) => { if (event.data.size > 0) chunks.push(event.data); };
  const stopped = new Promise((resolve) => { recorder.onstop = resolve; });
  const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  recorder.start(delay); // a chunk every `delay` ms, so a busy encoder cannot end with no frames
  await wait(50);        // the recorder is running before the first frame arrives
  for (let i = 0; i < frames.length; i += 1) {
    context.drawImage(frames[i], 0, 0);
    track.requestFrame();
    onProgress((i + 1) / frames.length);
    await wait(delay);
  }
  context.drawImage(frames[frames.length - 1], 0, 0); // the last frame again, so it is shown for `delay`
  track.requestFrame();
  await wait(50);
  recorder.stop();
  await stopped;
  return new Blob(chunks, { type: 'video/webm' });
}

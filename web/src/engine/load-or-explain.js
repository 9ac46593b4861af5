// Loading the engine for a page or a figure (engine.js), and telling the reader when it cannot be
// loaded: the app's figures (mount.js) and the melody page (melody/main.js) say it alike.
import { loadEngine } from './engine.js';

/**
 * loadEngine(); when it fails, `messages` (views/messages.js) shows why and what to try, and the
 * error is thrown on.
 */
export async function loadEngineOrExplain(messages) {
  try {
    return await loadEngine();
  } catch (error) {
    messages.showError(`The learning engine could not be loaded (${error.message}). Try reloading the page.`);
    throw error;
  }
}

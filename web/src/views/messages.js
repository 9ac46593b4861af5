// A figure's messages: a notice (what a link or a figure's attributes got wrong; dismissable) and an
// alert (an error, a change the engine refused, or training that diverged: frame.alert).
import * as d3 from 'd3';
import { setClass, setText } from './writes.js';

/** The notice for settings a link (or, `where` says, a figure's attributes) gave that the store refused; '' for none. */
export function describeIgnored(ignored, where = 'in the link') {
  if (ignored.length === 0) return '';
  const items = ignored.map(({ name, value, reason }) => `${name} “${value}” (${reason})`);
  return `Some settings ${where} were not understood, so their defaults are used: ${items.join('; ')}.`;
}

export function createMessagesView(container) {
  const parent = d3.select(container);
  const notice = parent.append('div').attr('class', 'figure-notice').attr('role', 'status').property('hidden', true);
  const noticeText = notice.append('p');
  notice.append('button').attr('type', 'button').attr('class', 'quiet-button').text('Dismiss')
    .on('click', () => { notice.node().hidden = true; });
  const alert = parent.append('div').attr('class', 'figure-alert').attr('role', 'alert');
  return {
    /** Shows `text` as the notice (or hides it, for no text). */
    notice(text) {
      noticeText.text(text);
      notice.node().hidden = !text;
    },
    /** Adds a sentence to the notice shown (or shows it). */
    addNotice(text) {
      if (!text) return;
      const shown = notice.node().hidden ? '' : noticeText.text();
      noticeText.text(shown ? `${shown} ${text}` : text);
      notice.node().hidden = false;
    },
    update(frame) {
      const element = alert.node();
      setClass(element, 'diverged', frame.alert?.kind === 'diverged');
      setClass(element, 'visible', Boolean(frame.alert));
      setText(element, frame.alert ? frame.alert.text : '');
    },
    showError(text) {
      alert.classed('visible', true).text(text);
    },
    destroy() {
      notice.remove();
      alert.remove();
    },
  };
}

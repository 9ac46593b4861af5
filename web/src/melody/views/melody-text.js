// The tune as text, to read, copy or rewrite: "C4/4 D4/8. R/2 …". "Learn this melody" hands the text to
// the controller, whose engine parser either takes it (training starts afresh) or names the bad note;
// that message shows here, beside the field, and the field is marked invalid until the text changes.
import * as d3 from 'd3';

let idCounter = 0;

export function createMelodyTextView(container) {
  const id = `melody-text-${(idCounter += 1)}`;
  const root = d3.select(container).append('div').attr('class', 'view melody-text');
  const label = root.append('label').attr('for', id).attr('class', 'melody-text__label');
  label.append('span').text('The tune as text');
  label.append('span').attr('class', 'field-hint')
    .text(' — notes like C4/4 (pitch, octave, /note value: 1 2 4 8 16, a dot for dotted), R for a rest; | bar lines are ignored');
  const textarea = root.append('textarea').attr('id', id).attr('rows', 3).attr('spellcheck', 'false')
    .attr('autocomplete', 'off').attr('aria-describedby', `${id}-error`)
    .on('input', () => {
      dirty = true;
      answeredMessage = frame?.melodyError ?? null; // the reader is fixing it: stop showing it
      textarea.attr('aria-invalid', null);
      error.text('');
    })
    .on('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        submit();
      }
    });
  const actions = root.append('div').attr('class', 'melody-text__actions');
  actions.append('button').attr('type', 'button').attr('class', 'quiet-button learn-text').text('Learn this melody')
    .on('click', () => submit());
  actions.append('button').attr('type', 'button').attr('class', 'quiet-button revert-text').text('Show the current tune')
    .on('click', () => {
      dirty = false;
      answeredMessage = frame?.melodyError ?? null;
      textarea.attr('aria-invalid', null);
      error.text('');
      if (frame) textarea.property('value', frame.melody.text);
    });
  const error = root.append('p').attr('class', 'melody-text__error').attr('id', `${id}-error`).attr('role', 'alert');

  let frame = null;
  let dirty = false;       // the reader has typed since the text last matched the tune
  let shownText = null;
  let answeredMessage = null;  // a message the reader has started to fix by typing

  function submit() {
    if (!frame) return;
    const taken = frame.actions.useMelodyText(textarea.property('value'));
    answeredMessage = null;
    if (taken) dirty = false;
  }

  return {
    update(next) {
      frame = next;
      const text = frame.melody.text;
      if (!dirty && text !== shownText && document.activeElement !== textarea.node()) {
        textarea.property('value', text);
        shownText = text;
      }
      const message = frame.melodyError && frame.melodyError !== answeredMessage ? frame.melodyError : null;
      if (!frame.melodyError) answeredMessage = null;
      textarea.attr('aria-invalid', message ? 'true' : null);
      error.text(message ? `The melody was not learned: ${message}` : '');
      if (message) dirty = true;
    },
    destroy() {
      root.remove();
    },
  };
}

// The page's messages: a notice (what a link got wrong; dismissable) and an alert (a change the engine
// refused, or training that diverged). The same look as the feed-forward page's (app.css).
import * as d3 from 'd3';

export function createMessagesView(container) {
  const parent = d3.select(container);
  const notice = parent.append('div').attr('class', 'figure-notice').attr('role', 'status').property('hidden', true);
  const noticeText = notice.append('p');
  notice.append('button').attr('type', 'button').attr('class', 'quiet-button').text('Dismiss')
    .on('click', () => { notice.node().hidden = true; });
  const alert = parent.append('div').attr('class', 'figure-alert').attr('role', 'alert');
  return {
    notice(text) {
      noticeText.text(text);
      notice.node().hidden = !text;
    },
    showError(text) {
      alert.classed('visible', true).text(text);
    },
    update(frame) {
      alert.classed('diverged', frame.alert?.kind === 'diverged').classed('visible', Boolean(frame.alert));
      alert.text(frame.alert ? frame.alert.text : '');
    },
    destroy() {
      notice.remove();
      alert.remove();
    },
  };
}

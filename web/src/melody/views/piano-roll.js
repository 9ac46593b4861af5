// A piano roll: time runs left to right (a column per sixteenth, bar lines every four beats), pitch
// bottom to top (black keys shaded, a row for rests at the bottom), a note a rounded bar.
//
//   createPianoRollView(container, { source: 'tune' })          the melody the network learns (editable)
//   createPianoRollView(container, { source: 'composition' })   the melody it composed (frame.composition)
//
// The tune's roll marks the window being trained and the note read at the current step, and draws the
// network's wrong guesses over the whole melody (snapshot.predictions) as dashed outlines. Clicking a
// note's column at another pitch moves the note there; clicking the note itself turns it into a rest;
// clicking the dashed slot after the end adds a note of the chosen length. The keyboard does the same:
// the roll is one tab stop, arrows move a cursor, Enter sets, Delete removes. Every edit asks the
// controller to learn the new melody (frame.actions.editMelody), which starts training afresh.
// While a melody plays, a playhead sweeps across its roll and the sounding note lights up.
import * as d3 from 'd3';
import 'd3-transition';
import { NOTE_VALUES, REST, isBlackKey, noteOnsets, noteValue, noteWords, pitchName } from '../notes.js';
import { createChangeCheck, setSvgSize, setText, watchWidth } from './changes.js';
import { formatCount } from '../../format.js';
import { countOf } from '../numbers.js';

const LABEL_WIDTH = 44;
const UNIT = { min: 4, max: 22 };       // px per sixteenth
const ROW_HEIGHT = { wide: 13, narrow: 12 };
const MIN_SPAN = 12;                    // semitones a roll shows at least
const PAD = { top: 8, bottom: 20 };
const NARROW_WIDTH = 560;

/** The pitch range both rolls share (so they line up): lowest and highest pitch, padded. */
export function sharedPitchRange(frame) {
  const pitches = [...frame.melody.pitches, ...(frame.composition ? frame.composition.pitches : [])].filter((p) => p >= 0);
  if (pitches.length === 0) return { low: 60, high: 72 };
  let low = Math.min(...pitches) - 2;
  let high = Math.max(...pitches) + 2;
  if (high - low < MIN_SPAN) {
    const grow = MIN_SPAN - (high - low);
    low -= Math.floor(grow / 2);
    high += Math.ceil(grow / 2);
  }
  return { low: Math.max(0, low), high: Math.min(127, high) };
}

/** The total length in sixteenths of the longer of the two melodies (so both rolls share a scale). */
function sharedLength(frame) {
  const total = (durations) => durations.reduce((sum, d) => sum + d, 0);
  return Math.max(total(frame.melody.durations), frame.composition ? total(frame.composition.durations) : 0, 16);
}

let idCounter = 0;

export function createPianoRollView(container, { source = 'tune' } = {}) {
  const editable = source === 'tune';
  const root = d3.select(container).append('div').attr('class', `piano-roll piano-roll--${source}`);
  const toolbar = editable ? root.append('div').attr('class', 'piano-roll-toolbar') : null;
  const empty = root.append('p').attr('class', 'piano-roll-empty').property('hidden', true);
  const scroller = root.append('div').attr('class', 'piano-roll-scroller');
  const svg = scroller.append('svg').attr('class', 'piano-roll-svg');
  const rowsLayer = svg.append('g').attr('class', 'roll-rows');
  const gridLayer = svg.append('g').attr('class', 'roll-grid');
  const bandLayer = svg.append('g').attr('class', 'roll-band');
  const ghostLayer = svg.append('g').attr('class', 'roll-ghosts');
  const notesLayer = svg.append('g').attr('class', 'roll-notes');
  const cursorLayer = svg.append('g').attr('class', 'roll-cursor');
  const playhead = svg.append('line').attr('class', 'roll-playhead').attr('hidden', true);
  const hitLayer = svg.append('rect').attr('class', 'roll-hit');
  const status = root.append('p').attr('class', 'visually-hidden').attr('aria-live', 'polite');
  const caption = root.append('p').attr('class', 'piano-roll-caption');

  let frame = null;
  const changed = createChangeCheck();
  const widthWatch = watchWidth(container, 800, (next) => {
    width = next;
    draw();
  });
  let width = widthWatch.width();
  let geometry = null;
  let newLength = 4;
  let cursor = { index: 0, pitch: 60 };
  let playheadKey = null;
  let followedWindow = null;   // the training window last kept in view

  const statusId = `piano-roll-status-${(idCounter += 1)}`;
  status.attr('id', statusId);
  if (editable) {
    svg.attr('tabindex', 0).attr('role', 'application')
      .attr('aria-roledescription', 'piano roll')
      .attr('aria-label', 'The tune, as a piano roll. Arrow keys move the cursor between notes and pitches; ' +
        'Enter sets the note to the cursor’s pitch (again: a rest); Delete removes the note.')
      .attr('aria-keyshortcuts', 'ArrowLeft ArrowRight ArrowUp ArrowDown Enter Delete')
      .attr('aria-describedby', statusId);
    const lengthId = `piano-roll-length-${idCounter}`;
    const field = toolbar.append('div').attr('class', 'toolbar-field');
    field.append('label').attr('for', lengthId).call(setText, 'New notes last');
    field.append('select').attr('id', lengthId)
      .on('change', (event) => { newLength = Number(event.target.value); draw(); })
      .selectAll('option').data(NOTE_VALUES).join('option')
      .attr('value', (d) => d.sixteenths).property('selected', (d) => d.sixteenths === newLength).call(setText, (d) => `a ${d.name}`);
    toolbar.append('button').attr('type', 'button').attr('class', 'quiet-button remove-last').call(setText, 'Remove last note')
      .on('click', () => removeNote(frame.melody.pitches.length - 1));
    toolbar.append('p').attr('class', 'toolbar-hint')
      .call(setText, 'Click a column to move its note to that pitch, the note itself to make it a rest, the dashed slot to add one.');
  } else {
    svg.attr('role', 'img');
  }
  const svgTitle = svg.append('title');

  // ---- editing -------------------------------------------------------------------------------

  function currentNotes() {
    return { pitches: Array.from(frame.melody.pitches), durations: Array.from(frame.melody.durations) };
  }

  /** The edit a click (or Enter) at note slot `index` and `pitch` makes; index = N adds a note. */
  function applyAt(index, pitch) {
    const { pitches, durations } = currentNotes();
    if (index >= pitches.length) {
      pitches.push(pitch);
      durations.push(newLength);
    } else if (pitches[index] === pitch) {
      pitches[index] = REST;
    } else {
      pitches[index] = pitch;
    }
    frame.actions.editMelody({ pitches, durations });
  }

  function removeNote(index) {
    const { pitches, durations } = currentNotes();
    if (index < 0 || index >= pitches.length) return;
    pitches.splice(index, 1);
    durations.splice(index, 1);
    frame.actions.editMelody({ pitches, durations });
  }

  function slotAt(px, py) {
    const g = geometry;
    const time = (px - LABEL_WIDTH) / g.unit;
    const row = Math.floor((py - PAD.top) / g.rowHeight);
    if (time < 0 || row < 0 || row >= g.pitchRows.length) return null;
    const pitch = g.pitchRows[row];
    let index = g.onsets.findIndex((onset, i) => time >= onset && time < onset + g.durations[i]);
    if (index < 0) index = time >= g.total && time < g.total + newLength ? g.durations.length : -1;
    return index < 0 ? null : { index, pitch };
  }

  if (editable) {
    hitLayer.on('click', (event) => {
      if (!frame || !geometry) return;
      const [px, py] = d3.pointer(event, svg.node());
      const slot = slotAt(px, py);
      if (!slot) return;
      cursor = slot;
      applyAt(slot.index, slot.pitch);
    });
    svg.on('keydown', (event) => {
      if (!frame || !geometry) return;
      const g = geometry;
      const rowIndex = Math.max(0, g.pitchRows.indexOf(cursor.pitch));
      const count = g.durations.length;
      let handled = true;
      switch (event.key) {
        case 'ArrowLeft': cursor = { ...cursor, index: Math.max(0, cursor.index - 1) }; break;
        case 'ArrowRight': cursor = { ...cursor, index: Math.min(count, cursor.index + 1) }; break;
        case 'ArrowUp': cursor = { ...cursor, pitch: g.pitchRows[Math.max(0, rowIndex - 1)] }; break;
        case 'ArrowDown': cursor = { ...cursor, pitch: g.pitchRows[Math.min(g.pitchRows.length - 1, rowIndex + 1)] }; break;
        case 'Enter':
        case ' ': applyAt(cursor.index, cursor.pitch); break;
        case 'Delete':
        case 'Backspace': removeNote(Math.min(cursor.index, count - 1)); break;
        default: handled = false;
      }
      if (!handled) return;
      event.preventDefault();
      event.stopPropagation();
      draw();
      announceCursor();
    });
    svg.on('focus', () => { svg.classed('editing', true); draw(); announceCursor(); });
    svg.on('blur', () => { svg.classed('editing', false); draw(); });
  }

  function announceCursor() {
    if (!geometry) return;
    const g = geometry;
    const at = cursor.index < g.durations.length
      ? `Note ${cursor.index + 1} of ${g.durations.length}: ${noteWords(g.pitches[cursor.index], g.durations[cursor.index])}.`
      : `After the last note: Enter adds a ${noteValue(newLength)?.name ?? ''} note.`;
    status.call(setText, `${at} Cursor on ${pitchName(cursor.pitch)}.`);
  }

  // ---- drawing -------------------------------------------------------------------------------

  function melodyOf() {
    if (source === 'composition') return frame.composition;
    return frame.melody;
  }

  function draw(next = frame) {
    frame = next;
    if (!frame) return;
    const melody = melodyOf();
    const hasMelody = Boolean(melody && melody.pitches.length > 0);
    empty.property('hidden', hasMelody).call(setText, hasMelody ? '' : 'Nothing composed yet: press Generate to let the network write a melody.');
    scroller.property('hidden', !hasMelody);
    caption.property('hidden', !hasMelody);
    if (toolbar) toolbar.select('.remove-last').property('disabled', !hasMelody || melody.pitches.length <= 2);
    if (!hasMelody) {
      geometry = null;
      return;
    }

    const narrow = width < NARROW_WIDTH;
    const range = sharedPitchRange(frame);
    const pitchRows = [];
    for (let p = range.high; p >= range.low; p -= 1) pitchRows.push(p);
    pitchRows.push(REST);
    const rowHeight = narrow ? ROW_HEIGHT.narrow : ROW_HEIGHT.wide;
    const pitches = Array.from(melody.pitches);
    const durations = Array.from(melody.durations);
    const { onsets, total } = noteOnsets(durations);
    const span = sharedLength(frame) + 16;   // room for the slot that adds a note; the same in both rolls
    const unit = Math.max(UNIT.min, Math.min(UNIT.max, (width - LABEL_WIDTH - 6) / span));
    const innerHeight = pitchRows.length * rowHeight;
    const contentWidth = LABEL_WIDTH + span * unit + 6;
    const height = PAD.top + innerHeight + PAD.bottom;
    geometry = { unit, rowHeight, pitchRows, onsets, durations, pitches, total };
    const x = (time) => LABEL_WIDTH + time * unit;
    const y = (pitch) => PAD.top + pitchRows.indexOf(pitch) * rowHeight;
    setSvgSize(svg, contentWidth, height);

    // Rows: black keys shaded, labels on C's (and every row when there is room), the rest row apart.
    const rows = rowsLayer.selectAll('g.roll-row').data(pitchRows, (p) => p).join((enter) => {
      const g = enter.append('g').attr('class', 'roll-row');
      g.append('rect');
      g.append('text');
      return g;
    });
    rows.attr('class', (p) => `roll-row${p === REST ? ' rest-row' : isBlackKey(p) ? ' black-key' : ''}${p >= 0 && p % 12 === 0 ? ' c-row' : ''}`);
    rows.select('rect').attr('x', LABEL_WIDTH).attr('y', (p) => y(p)).attr('width', span * unit).attr('height', rowHeight);
    rows.select('text').attr('x', LABEL_WIDTH - 6).attr('y', (p) => y(p) + rowHeight - 3)
      .call(setText, (p) => (p === REST ? 'rest' : (p % 12 === 0 || !isBlackKey(p)) ? pitchName(p) : ''));

    // Beat and bar lines.
    const lines = d3.range(0, span + 1, 4).map((time) => ({ time, bar: time % 16 === 0 }));
    gridLayer.selectAll('line').data(lines, (d) => d.time).join('line')
      .attr('class', (d) => (d.bar ? 'bar-line' : 'beat-line'))
      .attr('x1', (d) => x(d.time)).attr('x2', (d) => x(d.time)).attr('y1', PAD.top).attr('y2', PAD.top + innerHeight);
    gridLayer.selectAll('text').data(lines.filter((d) => d.bar && d.time < span), (d) => d.time).join('text')
      .attr('class', 'bar-number').attr('x', (d) => x(d.time) + 3).attr('y', PAD.top + innerHeight + 13)
      .call(setText, (d) => d.time / 16 + 1);

    // The window being trained (tune only): the notes read, and the next note of the last step.
    const snapshot = frame.snapshot;
    const windowNotes = source === 'tune'
      ? { first: snapshot.windowStart, last: Math.min(pitches.length - 1, snapshot.windowStart + snapshot.steps) }
      : null;
    const bands = windowNotes ? [windowNotes] : [];
    const band = bandLayer.selectAll('g').data(bands).join((enter) => {
      const g = enter.append('g').attr('class', 'window-band');
      g.append('rect');
      g.append('text');
      return g;
    });
    band.select('rect').attr('x', (d) => x(onsets[d.first]) - 1).attr('y', PAD.top - 6)
      .attr('width', (d) => (onsets[d.last] + durations[d.last] - onsets[d.first]) * unit + 2)
      .attr('height', innerHeight + 6).attr('rx', 6);
    band.select('text').attr('x', (d) => x(onsets[d.first]) + 4).attr('y', PAD.top + 3)
      .call(setText, `window ${snapshot.window + 1}`);

    // The network's wrong guesses over the whole melody (tune only).
    const ghosts = [];
    // A diverged network's guesses are argmaxes of numbers that are not numbers: none is drawn.
    if (source === 'tune' && snapshot.predictions && frame.vocabulary && !snapshot.diverged) {
      const tokens = frame.melody.tokens;
      for (let i = 1; i < pitches.length; i += 1) {
        const predicted = snapshot.predictions[i - 1];
        if (predicted === undefined || predicted === tokens[i]) continue;
        const entry = frame.vocabulary[predicted];
        if (!entry || !pitchRows.includes(entry.pitch)) continue;
        ghosts.push({ i, pitch: entry.pitch, duration: entry.duration });
      }
    }
    ghostLayer.selectAll('rect').data(ghosts, (d) => d.i).join('rect')
      .attr('class', 'ghost-note')
      .attr('x', (d) => x(onsets[d.i]) + 1).attr('y', (d) => y(d.pitch) + 1.5)
      .attr('width', (d) => Math.max(2, d.duration * unit - 2)).attr('height', rowHeight - 3).attr('rx', 3);

    // The notes.
    const progress = source === 'tune' ? currentStepNotes(snapshot) : null;
    const sound = frame.sound;
    const soundingIndex = sound?.playing && sound.source === source ? sound.noteIndex : -1;
    const notes = pitches.map((pitch, i) => ({ i, pitch, start: onsets[i], duration: durations[i] }));
    notesLayer.selectAll('rect').data(notes, (d) => d.i).join('rect')
      .attr('class', (d) => {
        const classes = ['roll-note'];
        if (d.pitch === REST) classes.push('rest');
        if (windowNotes && d.i >= windowNotes.first && d.i <= windowNotes.last) classes.push('in-window');
        if (progress && d.i === progress.read) classes.push('read');
        if (progress && d.i === progress.next) classes.push('next');
        if (d.i === soundingIndex) classes.push('sounding');
        return classes.join(' ');
      })
      .attr('data-index', (d) => d.i)
      .attr('x', (d) => x(d.start) + 1).attr('y', (d) => y(d.pitch) + 1)
      .attr('width', (d) => Math.max(2, d.duration * unit - 2)).attr('height', rowHeight - 2).attr('rx', 3);

    // The slot that adds a note, and the keyboard cursor (tune only).
    const cursorItems = [];
    if (editable) {
      cursorItems.push({ key: 'add', time: total, duration: newLength, pitch: null });
      if (svg.classed('editing')) {
        cursor = { index: Math.min(cursor.index, durations.length), pitch: pitchRows.includes(cursor.pitch) ? cursor.pitch : pitchRows[0] };
        const time = cursor.index < durations.length ? onsets[cursor.index] : total;
        const length = cursor.index < durations.length ? durations[cursor.index] : newLength;
        cursorItems.push({ key: 'cursor', time, duration: length, pitch: cursor.pitch });
      }
    }
    cursorLayer.selectAll('rect').data(cursorItems, (d) => d.key).join('rect')
      .attr('class', (d) => (d.key === 'add' ? 'add-slot' : 'edit-cursor'))
      .attr('x', (d) => x(d.time) + 1).attr('width', (d) => d.duration * unit - 2)
      .attr('y', (d) => (d.pitch === null ? PAD.top + 1 : y(d.pitch)))
      .attr('height', (d) => (d.pitch === null ? innerHeight - 2 : rowHeight)).attr('rx', 3);
    hitLayer.attr('x', LABEL_WIDTH).attr('y', PAD.top).attr('width', span * unit).attr('height', innerHeight)
      .classed('editable', editable);

    // The playhead sweeps across the sounding note in the note's own time.
    drawPlayhead(soundingIndex, onsets, durations, x, innerHeight);

    // Words: what the roll shows.
    const notesCount = pitches.length;
    if (source === 'tune') {
      const guessed = notesCount - 1 - ghosts.length;
      let guesses;
      if (snapshot.diverged) guesses = 'training has stopped, so the network’s guesses cannot be read';
      else if (ghosts.length === 0) guesses = `reading the whole melody, the network guesses every next note right (${formatCount(notesCount - 1)} of ${formatCount(notesCount - 1)})`;
      else {
        guesses = 'dashed outlines are the network’s wrong guesses ' +
          `(it predicts ${formatCount(guessed)} of ${countOf(notesCount - 1, 'next note')} right, reading the whole melody)`;
      }
      caption.call(setText, `${countOf(notesCount, 'note')} · the shaded band is the window being trained${blueNotes(progress !== null, soundingIndex >= 0)}; ${guesses}.`);
      svgTitle.call(setText, `The tune: ${frame.melody.text}`);
    } else {
      const c = frame.composition;
      caption.call(setText, `${countOf(notesCount, 'note')}, composed after ${countOf(c.updates, 'update')} · temperature ${c.temperature} · seed ${c.seed}`);
      svgTitle.call(setText, `The composition: ${c.text}`);
    }
    svg.attr('data-notes', notesCount);

    // Keep the sounding note in view; with none sounding, the window being trained when training moves
    // it on (a phone shows a few bars of the tune). Not while the reader's pointer or focus is in the
    // roll: an edit there starts a new run at window 1, and the roll must not run off under them.
    const node = scroller.node();
    const keepInView = (left, right) => {
      if (node.scrollWidth <= node.clientWidth) return;
      if (left < node.scrollLeft + 20 || right > node.scrollLeft + node.clientWidth - 20) {
        node.scrollLeft = Math.max(0, left - node.clientWidth / 3);
      }
    };
    if (soundingIndex >= 0) {
      const left = x(onsets[soundingIndex]);
      keepInView(left, left + 40);
    } else if (windowNotes && snapshot.window !== followedWindow) {
      followedWindow = snapshot.window;
      if (!node.matches(':hover') && !node.contains(document.activeElement)) {
        keepInView(x(onsets[windowNotes.first]), x(onsets[windowNotes.last] + durations[windowNotes.last]));
      }
    }
  }

  function drawPlayhead(index, onsets, durations, x, innerHeight) {
    const sound = frame.sound;
    const key = index >= 0 ? `${index}:${onsets[index]}` : null;
    if (index < 0) {
      playhead.interrupt().attr('hidden', true);
      playheadKey = null;
      return;
    }
    playhead.attr('hidden', null).attr('y1', PAD.top - 4).attr('y2', PAD.top + innerHeight + 4);
    if (key === playheadKey) return;
    playheadKey = key;
    const from = x(onsets[index]);
    const to = x(onsets[index] + durations[index]);
    playhead.interrupt().attr('x1', from).attr('x2', from);
    const reduced = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (!reduced && sound.noteSeconds > 0) {
      playhead.transition().duration(sound.noteSeconds * 1000).ease(d3.easeLinear).attr('x1', to).attr('x2', to);
    }
  }

  return {
    update(next) {
      // Nothing this view draws from changed (e.g. the player moved to the next note): skip the redraw.
      if (!changed([next.snapshot, next.melody, next.composition, next.sound?.playing, next.sound?.source, next.sound?.noteIndex, width])) {
        frame = next;
        return;
      }
      draw(next);
    },
    destroy() {
      widthWatch.disconnect();
      playhead.interrupt();
      root.remove();
      frame = null;
    },
  };
}

/** What the tune's blue notes are, for its caption: none, the next note to guess, the sounding one, or both. */
function blueNotes(guessing, sounding) {
  if (guessing && sounding) return ', the blue notes the one the current step must guess and the one sounding';
  if (guessing) return ', the blue note the one the current step must guess';
  if (sounding) return ', the blue note the one sounding';
  return '';
}

/** The melody indices of the note read at the current step and of the note it must predict. */
function currentStepNotes(snapshot) {
  const t = snapshot.phase === 'forward' || snapshot.phase === 'backward' ? snapshot.phaseStep : -1;
  if (t < 0) return null;
  return { read: snapshot.windowStart + t, next: snapshot.windowStart + t + 1 };
}

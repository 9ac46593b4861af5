// The page's headline and lede follow the data set: index.html tells the songs story, and a link to
// a logic gate, to points in a plane or to a surface over it (the data setting) gets words about what
// it shows instead.
// The songs' words stay those of index.html (with their emphasis); the others are plain text.
import { REGRESSION_DATA } from './store.js';

const INTROS = {
  gate: {
    title: 'Watch a network learn a logic gate',
    lede: 'Two yes-or-no inputs and one answer, four rows in all. A network guesses the answer for each ' +
      'row, sees how wrong it was, and nudges its weights. Step through it one phase at a time, with the ' +
      'real numbers; XOR needs a hidden layer, AND and OR do not.',
  },
  planar: {
    title: 'Watch a network learn to sort points in a plane',
    lede: 'Each point has two coordinates and a class, orange or blue. A network guesses the class of ' +
      'every point, sees how wrong it was, and nudges its weights; the heat map shows where it draws ' +
      'the boundary, and each neuron\'s thumbnail what that neuron has learned. Step through it one ' +
      'phase at a time, with the real numbers.',
  },
  regression: {
    title: 'Watch a network learn a surface over a plane',
    lede: 'Each point has two coordinates and a value. A network guesses the value of every point, sees ' +
      'how far off it was, and nudges its weights; the heat map shows the value it predicts all over the ' +
      'plane, and each neuron\'s thumbnail what that neuron has learned. Step through it one phase at a ' +
      'time, with the real numbers.',
  },
};

/** The intro for a data set: { title, lede }, or null for the songs (index.html's own words). */
export function introFor(dataKind) {
  if (REGRESSION_DATA.includes(dataKind)) return INTROS.regression;
  if (dataKind.startsWith('planar-')) return INTROS.planar;
  if (['and', 'or', 'xor'].includes(dataKind)) return INTROS.gate;
  return null;
}

/**
 * Keeps the page's <h1> and .lede in step with the store's data setting; returns a function that
 * stops. Does nothing on a page without them.
 */
export function followDataInIntro(store, doc = document) {
  const title = doc.querySelector('.page-header h1');
  const lede = doc.querySelector('.page-header .lede');
  if (!title || !lede) return () => {};
  const songs = { title: title.textContent, lede: lede.innerHTML };
  let shown = null;
  const show = (dataKind) => {
    const intro = introFor(dataKind);
    if (intro === shown) return;
    shown = intro;
    title.textContent = intro ? intro.title : songs.title;
    if (intro) lede.textContent = intro.lede;
    else lede.innerHTML = songs.lede; // index.html's own markup, read above
  };
  show(store.get().data);
  return store.subscribe((state, changed) => { if (changed.includes('data')) show(state.data); });
}

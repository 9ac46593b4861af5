// The sentence under the feature cube: whether the boundary puts every row on its side, and whether
// any flat plane could.

function rowNoun(data, count) {
  const songs = /song/i.test(data.name ?? '') || data.featureNames.join() === 'modern,sad,piano';
  const noun = songs ? 'song' : 'point';
  return count === 1 ? noun : `${noun}s`;
}

function classWords(data) {
  const names = data.classNames?.length === 2 ? data.classNames : ['0', '1'];
  const word = (name) => (/^\d+$/.test(name) ? `class ${name}` : name);
  return [word(names[0]), word(names[1])];
}

/**
 * The verdict line: { separable, text }. `separable`: every row is on its side of the boundary now.
 * `linear`: whether any flat plane could separate the rows (true, false or null when unknown).
 */
export function verdict({ data, correct, flat, linear }) {
  const total = correct.length;
  const right = correct.reduce((sum, value) => sum + value, 0);
  const wrong = total - right;
  const nouns = rowNoun(data, 2);
  const [negative, positive] = classWords(data);
  const boundary = flat ? 'plane' : 'boundary';
  if (data.task === 'regression') {
    return { separable: null, text: 'Regression: the colours show predicted values; there is no class boundary.' };
  }
  if (data.task === 'multiclass') {
    return wrong === 0
      ? { separable: true, text: `The ${boundary} puts every ${rowNoun(data, 1)} in its own class's region.` }
      : { separable: false, text: `${wrong} of ${total} ${nouns} are still in another class's region.` };
  }
  if (wrong === 0) {
    return { separable: true, text: `The ${boundary} separates the ${nouns} into ${positive} and ${negative}: every ${rowNoun(data, 1)} is on its side.` };
  }
  const onWrongSide = `${wrong} of ${total} ${nouns} ${wrong === 1 ? 'is' : 'are'} on the wrong side`;
  if (linear === false && flat) {
    return { separable: false, text: `No flat plane can separate the ${nouns} into ${positive} and ${negative}: ${onWrongSide}.` };
  }
  if (linear === false) {
    return { separable: false, text: `${onWrongSide[0].toUpperCase()}${onWrongSide.slice(1)}. No flat plane can separate ${positive} from ${negative} here, but a curved boundary can.` };
  }
  return { separable: false, text: `${onWrongSide[0].toUpperCase()}${onWrongSide.slice(1)} of the ${boundary} so far.` };
}

// The data as an editable table: each row's features and label, the network's current prediction
// beside the label, and the current example highlighted. Yes/no features and binary labels toggle on
// click; other numbers open a small editor; rows can be added and removed. Every edit goes to the
// controller (actions.editData) as a whole new data set, so it becomes part of the run's history.
//
// The rows are built only when the data, the page or the open editor change (drawRows); a training
// step changes only which row is current and the predictions (drawValues).
import * as d3 from 'd3';
import { formatNumber, parseTyped } from '../format.js';
import { exampleName, isSongs } from '../names.js';
import { datasetWithRows, rowsOf } from '../data-rows.js';
import { setAttribute, setText, writeDue } from './writes.js';

const PAGE_SIZE = 16;

/** A fresh name for an added row: the next free "Song E", or "Row 9". */
function newRowName(data, rows) {
  const taken = new Set(rows.map((row) => row.name));
  if (isSongs(data)) {
    for (let code = 65; code < 91; code += 1) {
      const name = `Song ${String.fromCharCode(code)}`;
      if (!taken.has(name)) return name;
    }
  }
  let n = rows.length + 1;
  while (taken.has(`Row ${n}`)) n += 1;
  return `Row ${n}`;
}

const isBinaryColumn = (data, column) => {
  const width = data.featureNames.length;
  for (let r = 0; r < data.targets.length; r += 1) {
    const value = data.features[r * width + column];
    if (value !== 0 && value !== 1) return false;
  }
  return true;
};

export function createTableView(container) {
  const root = d3.select(container).append('div').attr('class', 'view table-view');
  const description = root.append('p').attr('class', 'table-description');
  // On a narrow screen the table scrolls sideways; a fade at the edge shows that more columns hide there.
  const tableFrame = root.append('div').attr('class', 'table-frame');
  const scroller = tableFrame.append('div').attr('class', 'table-scroller');
  const table = scroller.append('table').attr('class', 'data-table');
  const caption = table.append('caption').attr('class', 'visually-hidden');
  const headRow = table.append('thead').append('tr');
  const body = table.append('tbody');
  const footer = root.append('div').attr('class', 'table-actions');
  const pager = footer.append('div').attr('class', 'table-pager');
  const previousPage = pager.append('button').attr('type', 'button').attr('class', 'quiet-button').attr('aria-label', 'Previous rows').text('‹');
  const pageLabel = pager.append('span').attr('class', 'page-label');
  const nextPage = pager.append('button').attr('type', 'button').attr('class', 'quiet-button').attr('aria-label', 'Next rows').text('›');
  const addButton = footer.append('button').attr('type', 'button').attr('class', 'quiet-button add-row');
  const restoreButton = footer.append('button').attr('type', 'button').attr('class', 'quiet-button').text('Restore original data');
  const showOverflow = () => {
    const element = scroller.node();
    tableFrame.classed('more-right', element.scrollLeft + element.clientWidth < element.scrollWidth - 2);
    tableFrame.classed('more-left', element.scrollLeft > 2);
  };
  scroller.on('scroll', showOverflow);
  const resizeObserver = typeof ResizeObserver === 'function' ? new ResizeObserver(showOverflow) : null;
  resizeObserver?.observe(scroller.node());
  resizeObserver?.observe(table.node());
  let lastFrame = null;
  let page = 0;
  let editing = null; // { row, column } of the open number editor
  let drawn = null;    // what drawRows drew: { data, page, editing, first, rows: [{ row, bar, value }] }

  function edit(rewrite) {
    const frame = lastFrame;
    const rows = rowsOf(frame.data);
    frame.actions.editData(datasetWithRows(frame.data, rewrite(rows, frame.data)));
  }

  addButton.on('click', () => edit((rows, data) => {
    const features = new Array(data.featureNames.length).fill(0);
    page = Math.floor(rows.length / PAGE_SIZE);
    return [...rows, { features, target: 0, isTest: false, name: newRowName(data, rows) }];
  }));
  restoreButton.on('click', () => lastFrame?.actions.resetData());
  previousPage.on('click', () => { page = Math.max(0, page - 1); if (lastFrame) draw(lastFrame); });
  nextPage.on('click', () => { page += 1; if (lastFrame) draw(lastFrame); });

  function openEditor(cell, row, column, value) {
    editing = { row, column };
    const element = d3.select(cell);
    element.selectAll('*').remove();
    const form = element.append('form').attr('class', 'cell-editor');
    const input = form.append('input').attr('type', 'text').attr('inputmode', 'decimal')
      .attr('aria-label', `New value for ${lastFrame.data.featureNames[column]} in ${exampleName(lastFrame.data, row)}`)
      .property('value', String(Number(value.toPrecision(6))));
    const close = () => { editing = null; if (lastFrame) draw(lastFrame); };
    form.on('submit', (event) => {
      event.preventDefault();
      const typed = parseTyped(input.property('value'));
      if (typed === null) {
        input.attr('aria-invalid', 'true');
        return;
      }
      editing = null;
      edit((rows) => {
        rows[row].features[column] = typed;
        return rows;
      });
    });
    input.on('keydown', (event) => {
      if (event.key === 'Escape') { event.preventDefault(); event.stopPropagation(); close(); }
    });
    input.on('blur', () => setTimeout(() => { if (editing?.row === row && editing?.column === column) close(); }, 0));
    input.node().focus();
    input.node().select();
  }

  function draw(frame) {
    if (drawn === null || drawn.data !== frame.data || drawn.page !== page || drawn.editing !== editing) drawRows(frame);
    drawValues(frame);
  }

  /** The current example's row and every shown row's prediction: what a training step changes. */
  function drawValues(frame) {
    const { data, snapshot, shape } = frame;
    const outputs = shape.outputs;
    const current = snapshot.phase === 'idle' ? -1 : snapshot.exampleRow;
    // While playing, the predictions are rewritten as one, once per PACE_MS (writes.js): one that
    // changes a few frames after the others is not written on its own, as a changed cell, however
    // small, makes the browser lay the whole table out again (~1 ms, #7), for one cell as for sixteen.
    const numbersDue = writeDue(body.node());
    for (const { node, row, isTest, bar, value: valueNode } of drawn.rows) {
      setAttribute(node, 'class', `${row === current ? 'current' : ''}${isTest ? ' test-row' : ''}`);
      setAttribute(node, 'aria-current', row === current ? 'true' : null);
      if (!valueNode || !numbersDue) continue;
      const value = snapshot.rowOutputs[row * outputs];
      if (data.task === 'binary') {
        const shown = formatNumber(value, 2);
        setText(valueNode, shown, false);
        // The bar changes with the number beside it. Its share is a custom property the bar's background
        // is sized by (app.css): a repaint of the bar alone. A fill element resized inside the bar's clip
        // made the browser lay the whole page's paint out into layers again on every playing frame (#7).
        setAttribute(bar, 'class', `prediction-bar ${value >= 0.5 ? 'positive' : 'negative'}`);
        const share = `${Math.round(Math.max(0, Math.min(1, Number.isFinite(value) ? value : 0)) * 100)}%`;
        if (bar.style.getPropertyValue('--share') !== share) bar.style.setProperty('--share', share);
      } else if (data.task === 'multiclass') {
        const probabilities = Array.from(snapshot.rowOutputs.subarray(row * outputs, (row + 1) * outputs));
        const best = probabilities.indexOf(Math.max(...probabilities));
        setText(valueNode, `${data.classNames[best] ?? best} ${formatNumber(probabilities[best], 2)}`, false);
      } else {
        setText(valueNode, formatNumber(value, 2), false);
      }
    }
  }

  /** The rows of the shown page, their cells and their handlers. */
  function drawRows(frame) {
    const { data } = frame;
    const rows = rowsOf(data);
    const songs = isSongs(data);
    const hasNames = data.rowNames.length > 0;
    const binaryColumns = data.featureNames.map((_, c) => isBinaryColumn(data, c));
    const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    page = Math.min(page, pages - 1);
    const first = rows.length > PAGE_SIZE ? page * PAGE_SIZE : 0;
    const shown = rows.length > PAGE_SIZE ? rows.slice(first, first + PAGE_SIZE) : rows;
    pager.node().hidden = rows.length <= PAGE_SIZE;
    pageLabel.text(`Rows ${first + 1}–${first + shown.length} of ${rows.length}`);
    previousPage.property('disabled', page === 0);
    nextPage.property('disabled', page >= pages - 1);
    addButton.text(songs ? 'Add a song' : 'Add a row');

    caption.text(songs ? 'The songs the network learns from' : `${data.name}: ${rows.length} rows`);
    description.text(songs
      ? 'The songs the network learns from. Click a 0 or 1, or a like, to change it.'
      : `${data.name}: ${rows.length} rows. Click a value to change it.`);
    const labelTitle = songs ? 'likes?' : data.task === 'regression' ? 'value' : 'label';
    const columns = [
      ...(hasNames ? [songs ? 'song' : 'name'] : ['#']),
      ...data.featureNames,
      labelTitle,
      songs ? 'guess' : 'prediction', // the story's word: the network guesses whether a song is liked
      '',
    ];
    headRow.selectAll('th').data(columns).join('th').attr('scope', 'col')
      .attr('class', (_, c) => (c === columns.length - 1 ? 'remove-column' : null))
      .text((name) => name)
      .filter((_, c) => c === columns.length - 1)
      .append('span').attr('class', 'visually-hidden').text('remove');

    const tr = body.selectAll('tr').data(shown).join('tr')
      .attr('data-row', (row, i) => first + i);

    tr.each(function (row, i) {
      const r = first + i;
      const name = hasNames ? row.name : String(r + 1);
      const line = d3.select(this);
      const cells = [
        { kind: 'name' },
        ...row.features.map((value, column) => ({ kind: 'feature', column, value })),
        { kind: 'label' },
        { kind: 'prediction' },
        { kind: 'remove' },
      ];
      line.selectAll(':scope > td, :scope > th').data(cells, (cell) => `${cell.kind}${cell.column ?? ''}`)
        .join((enter) => enter.append((cell) => document.createElement(cell.kind === 'name' ? 'th' : 'td')))
        .attr('class', (cell) => `cell-${cell.kind}`)
        .attr('scope', (cell) => (cell.kind === 'name' ? 'row' : null))
        .attr('data-column', (cell) => cell.column ?? null)
        .each(function (cell) {
          const td = d3.select(this);
          if (editing && editing.row === r && editing.column === cell.column && cell.kind === 'feature') return;
          if (cell.kind === 'name') {
            td.text(name);
            if (row.isTest) td.append('span').attr('class', 'test-tag').text('test');
          } else if (cell.kind === 'feature') {
            const feature = data.featureNames[cell.column];
            td.selectAll('form').remove();
            const button = td.selectAll('button').data([cell]).join('button').attr('type', 'button')
              .attr('class', binaryColumns[cell.column] ? `toggle ${cell.value === 1 ? 'on' : 'off'}` : 'number-cell')
              .attr('aria-label', binaryColumns[cell.column]
                ? `${name}, ${feature}: ${cell.value === 1 ? 'yes' : 'no'}. Toggle.`
                : `${name}, ${feature}: ${formatNumber(cell.value, 2)}. Edit.`)
              .text(binaryColumns[cell.column] ? String(cell.value) : formatNumber(cell.value, 2));
            button.on('click', function () {
              if (binaryColumns[cell.column]) {
                edit((all) => { all[r].features[cell.column] = cell.value === 1 ? 0 : 1; return all; });
              } else {
                openEditor(td.node(), r, cell.column, cell.value);
              }
            });
          } else if (cell.kind === 'label') {
            td.selectAll('*').remove();
            if (data.task === 'binary') {
              const className = data.classNames[row.target >= 0.5 ? 1 : 0] ?? String(row.target);
              td.append('button').attr('type', 'button')
                .attr('class', `label-toggle ${row.target >= 0.5 ? 'positive' : 'negative'}`)
                .attr('aria-label', `${name}: ${className}. Toggle.`)
                .text(className)
                .on('click', () => edit((all) => { all[r].target = all[r].target >= 0.5 ? 0 : 1; return all; }));
            } else if (data.task === 'multiclass') {
              const k = data.classNames.length;
              td.append('button').attr('type', 'button').attr('class', 'label-toggle')
                .attr('aria-label', `${name}: ${data.classNames[row.target]}. Next class.`)
                .text(data.classNames[row.target] ?? String(row.target))
                .on('click', () => edit((all) => { all[r].target = (all[r].target + 1) % k; return all; }));
            } else {
              td.text(formatNumber(row.target, 2));
            }
          } else if (cell.kind === 'prediction') {
            // Its numbers are drawValues'.
            td.selectAll('*').remove();
            if (data.task === 'binary') {
              td.append('span').attr('class', 'prediction-bar').attr('aria-hidden', 'true');
            }
            td.append('span').attr('class', 'prediction-value');
          } else if (cell.kind === 'remove') {
            td.selectAll('button').data([0]).join('button').attr('type', 'button').attr('class', 'remove-row')
              .attr('aria-label', `Remove ${name}`)
              .text('×')
              .on('click', () => edit((all) => all.filter((_, index) => index !== r)));
          }
        });
    });
    drawn = {
      data, page, editing, first,
      rows: tr.nodes().map((node, i) => ({
        node,
        row: first + i,
        isTest: shown[i].isTest,
        bar: node.querySelector('.prediction-bar'),
        value: node.querySelector('.prediction-value'),
      })),
    };
  }

  return {
    update(frame) {
      lastFrame = frame;
      draw(frame);
    },
    destroy() {
      resizeObserver?.disconnect();
      root.remove();
    },
  };
}

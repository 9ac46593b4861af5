// A labelled number input, with an optional hint that describes it to screen readers too: the
// settings of both pages (views/controls.js, melody/views/settings.js) are made of these.
//
//   const { field, control } = numberField(group, { id: 'rate-1', label: 'Learning rate', min: 0.0001,
//     max: 10, step: 'any', onChange: (value) => … });

/**
 * Appends <div class="field"><label/><input type=number/>[<span class="field-hint"/>]</div> to `parent`
 * (a d3 selection). `name` is the input's name (default: its id); onChange(value) gets the text the
 * reader committed. Returns the field and the input, as d3 selections.
 */
export function numberField(parent, { id, name = id, label, min, max, step, hint, onChange }) {
  const field = parent.append('div').attr('class', 'field');
  field.append('label').attr('for', id).text(label);
  const input = field.append('input').attr('type', 'number').attr('id', id).attr('name', name)
    .attr('min', min).attr('max', max).attr('step', step).attr('inputmode', 'decimal')
    .on('change', (event) => onChange(event.target.value));
  if (hint) {
    const hintId = `${id}-hint`;
    field.append('span').attr('class', 'field-hint').attr('id', hintId).text(hint);
    input.attr('aria-describedby', hintId);
  }
  return { field, control: input };
}

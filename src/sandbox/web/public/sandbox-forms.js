// The modal's inputs as the sandbox reads them on Submit, and put back when the server redraws the
// modal. Loaded before sandbox.js, which uses these.

// A date and time as Slack reports it (seconds since the epoch), and as a datetime-local input shows it (the browser's time zone).
const secondsOf = (local) => (local ? String(Math.floor(new Date(local).getTime() / 1000)) : null);
const localOf = (seconds) => {
  if (!seconds) return '';
  const at = new Date(Number(seconds) * 1000);
  return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

const formValues = (form) => {
  const values = {};
  for (const input of form.querySelectorAll('.modal-input')) {
    const blockId = input.dataset.blockId;
    // Picked files are sent with Submit (filesOf); a file input cannot be filled again by a script.
    if (input.dataset.type === 'file_input') continue;
    if (input.dataset.type === 'checkboxes') {
      values[blockId] = [...input.querySelectorAll('input[type=checkbox]:checked')].map((box) => box.value);
    } else if (input.dataset.type === 'multi_static_select') {
      values[blockId] = [...input.querySelectorAll('option:checked')].map((option) => option.value);
    } else if (input.dataset.type === 'datetimepicker') {
      values[blockId] = secondsOf(input.querySelector('input').value);
    } else {
      const field = input.querySelector('input, textarea, select');
      values[blockId] = field && field.value !== '' ? field.value : null;
    }
  }
  return values;
};

const restoreValues = (form, values) => {
  for (const input of form.querySelectorAll('.modal-input')) {
    const value = values[input.dataset.blockId];
    if (value === undefined) continue;
    if (input.dataset.type === 'checkboxes') {
      for (const box of input.querySelectorAll('input[type=checkbox]')) box.checked = Array.isArray(value) && value.includes(box.value);
    } else if (input.dataset.type === 'multi_static_select') {
      for (const option of input.querySelectorAll('option')) option.selected = Array.isArray(value) && value.includes(option.value);
    } else if (input.dataset.type === 'datetimepicker') {
      input.querySelector('input').value = localOf(value);
    } else {
      const field = input.querySelector('input, textarea, select');
      if (field) field.value = value ?? '';
    }
  }
};

// What you do on the page (clicks, choices, Submit, Escape), sent to the sandbox as acts. Loaded
// after sandbox.js, whose place, act() and drawing it uses.

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  if (!target) return;
  const conversation = target.closest('[data-conversation]');
  if (conversation && !target.closest('.message') && !target.closest('.app-home')) {
    event.preventDefault();
    return go(conversation.dataset.conversation);
  }
  const permalink = target.closest('a.permalink');
  if (permalink) {
    event.preventDefault();
    place.highlight = permalink.dataset.ts;
    return go(permalink.dataset.channel);
  }
  const threadLink = target.closest('.thread-link');
  if (threadLink) return go(place.conversation, threadLink.dataset.thread);
  const button = target.closest('.bk-button[data-action-id]');
  if (button && button.closest('.app-home')) {
    if (button.dataset.url) window.open(button.dataset.url, '_blank', 'noopener');
    act({ kind: 'home_click', as: place.as, blockId: button.dataset.blockId, actionId: button.dataset.actionId });
    if (button.dataset.linkChannel) {
      place.highlight = button.dataset.linkTs;
      go(button.dataset.linkChannel);
    }
    return;
  }
  const message = button && messageOf(button);
  if (button && message) {
    if (button.dataset.url) window.open(button.dataset.url, '_blank', 'noopener');
    act({ kind: 'click', as: place.as, channel: message.dataset.channel, ts: message.dataset.ts, blockId: button.dataset.blockId, actionId: button.dataset.actionId });
    if (button.dataset.linkChannel) {
      place.highlight = button.dataset.linkTs;
      go(button.dataset.linkChannel);
    }
    return;
  }
  if (target.closest('[data-close]')) {
    const form = target.closest('form.modal');
    return void act({ kind: 'close', as: place.as, viewId: form.dataset.viewId });
  }
  if (target.id === 'dismiss-problems') {
    dismissedProblems = Math.max(dismissedProblems, ...lastProblems.map((problem) => problem.id));
    return drawProblems(lastProblems);
  }
});

document.addEventListener('change', (event) => {
  const target = event.target;
  if (!(target instanceof HTMLSelectElement) || !target.value) return;
  const dispatching = target.closest('.modal-input[data-dispatch]');
  const modal = target.closest('form.modal');
  if (dispatching && modal) return void act({ kind: 'modal_choice', as: place.as, viewId: modal.dataset.viewId, blockId: dispatching.dataset.blockId, values: formValues(modal) });
  const message = messageOf(target);
  if (target.classList.contains('message-actions') && message) {
    const callbackId = target.value;
    target.value = '';
    const where = { as: place.as, channel: message.dataset.channel, ts: message.dataset.ts };
    // A person's own message: Edit and Delete, as Slack offers them.
    if (callbackId === 'sandbox:edit') {
      const text = window.prompt('Edit message', message.dataset.text ?? '');
      return void (text === null ? undefined : act({ kind: 'edit', ...where, text }));
    }
    if (callbackId === 'sandbox:delete') return void (window.confirm('Delete this message? This cannot be undone.') ? act({ kind: 'delete', ...where }) : undefined);
    return void act({ kind: 'shortcut', ...where, callbackId });
  }
  if ((target.classList.contains('bk-overflow') || target.classList.contains('bk-select')) && target.closest('.app-home')) {
    return void act({ kind: 'home_click', as: place.as, blockId: target.dataset.blockId, actionId: target.dataset.actionId, choice: target.value });
  }
  if ((target.classList.contains('bk-overflow') || target.classList.contains('bk-select')) && message) {
    const choice = target.value;
    target.value = '';
    act({ kind: 'click', as: place.as, channel: message.dataset.channel, ts: message.dataset.ts, blockId: target.dataset.blockId, actionId: target.dataset.actionId, choice });
  }
});

document.addEventListener('submit', (event) => {
  const form = event.target;
  event.preventDefault();
  if (form.id === 'composer') return void send($('composer-text'), null);
  if (form.id === 'thread-composer') return void send($('thread-text'), place.thread);
  if (form.classList.contains('modal')) void filesOf(form).then((files) => act({ kind: 'submit', as: place.as, viewId: form.dataset.viewId, values: formValues(form), files }));
});

document.addEventListener('keydown', (event) => {
  const form = document.querySelector('#modal-root form.modal');
  if (event.key === 'Escape' && form) act({ kind: 'close', as: place.as, viewId: form.dataset.viewId });
});

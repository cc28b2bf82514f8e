// The sandbox page: draws the screen the server builds for the person you are, and sends what
// you do to the sandbox, which turns it into what Slack would send the app. Every piece of HTML
// it inserts was escaped by the server's renderers.
'use strict';

const APP_MESSAGES = 'app-messages';
const $ = (id) => document.getElementById(id);
const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
// Served inside this page only: the sandbox refuses acts without it, so other web sites cannot act.
const pageToken = document.querySelector('meta[name="sandbox-token"]').content;

const place = { as: 'U0KAREN', conversation: APP_MESSAGES, thread: null, highlight: null };
let modalKey = null;
let dismissedProblems = -1;
let lastProblems = [];
let peopleShown = '';
let fetching = null;
let refetch = false;

const readHash = () => {
  const params = new URLSearchParams(location.hash.slice(1));
  place.as = params.get('as') || place.as;
  place.conversation = params.get('c') || APP_MESSAGES;
  place.thread = params.get('t') || null;
};

const writeHash = () => {
  const params = new URLSearchParams({ as: place.as, c: place.conversation });
  if (place.thread) params.set('t', place.thread);
  history.replaceState(null, '', `#${params}`);
};

const toast = (text) => {
  const element = $('toast');
  element.textContent = text;
  element.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (element.hidden = true), 6000);
};

const act = async (body) => {
  const response = await fetch('/sandbox/act', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sandbox-token': pageToken },
    body: JSON.stringify(body),
  }).catch(() => null);
  const outcome = response
    ? await response.json().catch(() => ({ ok: false, error: 'The sandbox answered something unreadable.' }))
    : { ok: false, error: 'The sandbox is not reachable. Is it still running?' };
  if (!outcome.ok) toast(outcome.error);
  refresh();
  return outcome;
};

const nearBottom = (element) => element.scrollHeight - element.scrollTop - element.clientHeight < 80;

const drawModal = (modal) => {
  const root = $('modal-root');
  if (!modal) {
    root.hidden = true;
    root.innerHTML = '';
    modalKey = null;
    return;
  }
  if (modal.key === modalKey) return;
  const previous = root.querySelector('form.modal');
  const kept = previous && previous.dataset.viewId === modal.id ? formValues(previous) : null;
  // Files picked stay picked when the modal is redrawn (as Slack keeps a file_input's uploads): the inputs themselves move over.
  const pickedFiles = kept ? [...previous.querySelectorAll('.modal-input[data-type=file_input]')].map((input) => [input.dataset.blockId, input.querySelector('input[type=file]')]) : [];
  root.innerHTML = modal.html;
  root.hidden = false;
  modalKey = modal.key;
  const form = root.querySelector('form.modal');
  for (const picker of form.querySelectorAll('input[data-seconds]')) picker.value = localOf(picker.dataset.seconds);
  if (kept) restoreValues(form, kept);
  for (const [blockId, picker] of pickedFiles) {
    const slot = form.querySelector(`.modal-input[data-block-id="${CSS.escape(blockId)}"] input[type=file]`);
    if (slot && picker) slot.replaceWith(picker);
  }
  const firstError = form.querySelector('.has-error input, .has-error textarea, .has-error select');
  const first = firstError || form.querySelector('input, textarea, select');
  if (first) first.focus();
};

const drawProblems = (problems) => {
  lastProblems = problems;
  const shown = problems.filter((problem) => problem.id > dismissedProblems);
  const banner = $('problems');
  banner.hidden = shown.length === 0;
  if (!shown.length) return void (banner.innerHTML = '');
  const items = shown
    .map((problem) => {
      const details = problem.details.map((detail) => `<li>${escapeText(detail)}</li>`).join('');
      return `<li><b>${escapeText(problem.method)}</b> → <code>${escapeText(problem.error)}</code>${details ? `<ul>${details}</ul>` : ''}</li>`;
    })
    .join('');
  banner.innerHTML = `<div><b>Slack would have refused ${shown.length === 1 ? 'a call' : `${shown.length} calls`} from the app:</b><ul>${items}</ul></div><button type="button" id="dismiss-problems">Dismiss</button>`;
};

const escapeText = (text) => String(text).replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]);

const draw = (screen) => {
  const people = screen.people.map((person) => `${person.id}|${person.name}|${person.title}`).join(',');
  if (people !== peopleShown) {
    $('person').innerHTML = screen.people
      .map((person) => `<option value="${escapeText(person.id)}">${escapeText(person.name)}${person.title ? ` (${escapeText(person.title)})` : ''}</option>`)
      .join('');
    peopleShown = people;
  }
  $('person').value = screen.viewer.id;
  place.as = screen.viewer.id;
  place.conversation = screen.conversation.id;

  const entry = (item) => `<li><a href="#" class="${item.active ? 'active' : ''}" data-conversation="${escapeText(item.id)}">${escapeText(item.label)}</a></li>`;
  $('channels').innerHTML =
    screen.sidebar
      .filter((item) => item.kind === 'channel')
      .map(entry)
      .join('') || '<li class="none">No channels</li>';
  $('apps').innerHTML = screen.sidebar
    .filter((item) => item.kind === 'app')
    .map(entry)
    .join('');
  $('conversation-title').textContent = screen.conversation.title;
  $('tabs').innerHTML = screen.conversation.tabs
    .map(
      (tab) => `<button type="button" role="tab" aria-selected="${tab.active}" class="tab${tab.active ? ' active' : ''}" data-conversation="${escapeText(tab.id)}">${escapeText(tab.label)}</button>`,
    )
    .join('');

  const messages = $('messages');
  const stick = nearBottom(messages) || messages.dataset.conversation !== screen.conversation.id;
  messages.innerHTML = screen.messagesHtml;
  messages.dataset.conversation = screen.conversation.id;
  if (stick) messages.scrollTop = messages.scrollHeight;
  $('composer').hidden = screen.conversation.composer === null;
  $('composer-text').placeholder = screen.conversation.composer || '';

  const thread = $('thread');
  if (screen.thread) {
    const pane = $('thread-messages');
    const stickThread = nearBottom(pane) || thread.hidden;
    pane.innerHTML = screen.thread.html;
    thread.hidden = false;
    if (stickThread) pane.scrollTop = pane.scrollHeight;
  } else {
    thread.hidden = true;
    place.thread = null;
  }
  if (place.highlight) {
    const target = document.querySelector(`.message[data-ts="${CSS.escape(place.highlight)}"]`);
    if (target) {
      target.classList.add('highlight');
      target.scrollIntoView({ block: 'center' });
    }
    place.highlight = null;
  }
  drawModal(screen.modal);
  drawProblems(screen.problems);
  writeHash();
};

const refresh = async () => {
  if (fetching) return void (refetch = true);
  const query = new URLSearchParams({ as: place.as, conversation: place.conversation, tz: timeZone });
  if (place.thread) query.set('thread', place.thread);
  const asked = `${place.as}|${place.conversation}|${place.thread}`;
  fetching = fetch(`/sandbox/screen?${query}`)
    .then((response) => response.json())
    .then((screen) => {
      if (screen.ok === false) return toast(screen.error);
      // The person switched, or went elsewhere, while this screen was on its way: drawing it would undo that.
      if (`${place.as}|${place.conversation}|${place.thread}` !== asked) return void (refetch = true);
      draw(screen);
    })
    .catch(() => toast('The sandbox is not reachable. Is it still running?'))
    .finally(() => {
      fetching = null;
      if (refetch) {
        refetch = false;
        refresh();
      }
    });
};

const go = (conversation, thread = null) => {
  // Opening the Home tab is what makes Slack send app_home_opened; the app then publishes it.
  const opensHome = conversation === 'app-home' && place.conversation !== 'app-home';
  place.conversation = conversation;
  place.thread = thread;
  refresh();
  if (opensHome) act({ kind: 'open_home', as: place.as });
};

const messageOf = (element) => element.closest('.message[data-ts]');

const send = async (textarea, thread) => {
  const text = textarea.value;
  if (!text.trim()) return;
  const outcome = await act({ kind: 'compose', as: place.as, conversation: place.conversation, thread, text });
  // What the person typed stays in the box when it did not go through.
  if (outcome.ok) textarea.value = '';
};

/** A file's bytes in base64, as the page sends them. */
const base64Of = async (file) => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
};

/** A file picked in the thread composer is shared there, as a person drops a file into a Slack thread. */
const shareFile = async (input) => {
  const file = input.files && input.files[0];
  if (!file) return;
  await act({ kind: 'share_file', as: place.as, conversation: place.conversation, thread: place.thread, name: file.name, content: await base64Of(file) });
  input.value = '';
};

/** The files picked in a modal's file inputs, by block id: name and bytes. */
const filesOf = async (form) => {
  const files = {};
  for (const input of form.querySelectorAll('.modal-input[data-type=file_input]')) {
    const picked = [...(input.querySelector('input[type=file]').files || [])];
    if (picked.length) files[input.dataset.blockId] = await Promise.all(picked.map(async (file) => ({ name: file.name, content: await base64Of(file) })));
  }
  return files;
};

const onEnter = (textarea, thread) =>
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      send(textarea, thread());
    }
  });
$('person').addEventListener('change', (event) => {
  place.as = event.target.value;
  place.thread = null;
  modalKey = null;
  refresh();
  // Someone else at the keyboard opens their own Home tab.
  if (place.conversation === 'app-home') act({ kind: 'open_home', as: place.as });
});

$('close-thread').addEventListener('click', () => go(place.conversation));

$('reset').addEventListener('click', async () => {
  if (!confirm('Delete every ticket and message and start again?')) return;
  dismissedProblems = -1;
  place.thread = null;
  await act({ kind: 'reset' });
});

onEnter($('composer-text'), () => null);
onEnter($('thread-text'), () => place.thread);

readHash();
refresh();
const events = new EventSource('/sandbox/events');
events.addEventListener('change', () => refresh());

$('thread-file').addEventListener('change', (event) => shareFile(event.target));

'use strict';

(() => {
  const TOKEN_KEY = 'hyperfocus.token';
  const TYPES = ['family', 'phone', 'noise', 'self', 'urgent_task', 'unknown'];
  const TYPE_NAMES = { family: 'Family', phone: 'Phone', noise: 'Noise', self: 'Self', urgent_task: 'Urgent task', unknown: 'Unknown' };
  const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const $ = (id) => document.getElementById(id);

  const state = { token: null, user: null, frame: null, receivedAt: 0, socket: null, retryMs: 1000, retryTimer: null };

  class HttpError extends Error {
    constructor(status, detail) {
      super(typeof detail === 'string' ? detail : (detail && detail[0] && detail[0].msg) || `HTTP ${status}`);
      this.status = status;
    }
  }

  async function api(method, path, body) {
    const headers = { Authorization: `Bearer ${state.token}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) throw new HttpError(response.status, json && json.detail);
    return json;
  }

  function duration(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}m`;
  }

  function clock(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    return [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60].map((n) => String(n).padStart(2, '0')).join(':');
  }

  function show(view) {
    $('login').hidden = view !== 'login';
    $('dashboard').hidden = view !== 'dashboard';
    $('sign-out').hidden = view !== 'dashboard';
  }

  function setConnection(online) {
    const pill = $('connection');
    pill.textContent = online ? 'live' : 'offline';
    pill.className = `pill ${online ? 'on' : 'off'}`;
  }

  async function connect() {
    try {
      state.user = await api('GET', '/users/me');
    } catch (error) {
      signOut(error.status === 401 ? 'That token is not valid (or was replaced).' : `Cannot reach the server: ${error.message}`);
      return;
    }
    $('user-name').textContent = state.user.name;
    show('dashboard');
    openSocket();
    refreshCharts();
  }

  function openSocket() {
    clearTimeout(state.retryTimer);
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const url = `${scheme}://${location.host}/users/${state.user.id}/live?access_token=${encodeURIComponent(state.token)}`;
    const socket = new WebSocket(url);
    state.socket = socket;
    socket.onopen = () => {
      state.retryMs = 1000;
      setConnection(true);
    };
    socket.onmessage = (event) => {
      const frame = JSON.parse(event.data);
      render(frame);
      if (frame.type === 'update' && frame.reason !== 'tick') refreshCharts();
      if (frame.type === 'snapshot') refreshCharts();
    };
    socket.onclose = () => {
      if (state.socket !== socket) return;
      setConnection(false);
      state.retryTimer = setTimeout(() => {
        api('GET', '/users/me').then(openSocket, (error) => {
          if (error.status === 401) signOut('Your token was replaced or revoked. Paste the new one.');
          else openSocket();
        });
      }, state.retryMs);
      state.retryMs = Math.min(state.retryMs * 2, 15000);
    };
  }

  function render(frame) {
    state.frame = frame;
    state.receivedAt = Date.now();
    const today = frame.today;
    $('today-worked').textContent = duration(today.total_time_worked_seconds);
    $('today-lost').textContent = duration(today.total_time_lost_seconds);
    $('today-effective').textContent = duration(today.effective_time_seconds);
    $('today-interruptions').textContent = String(today.total_interruptions);
    const active = frame.active_session;
    $('start-session').hidden = Boolean(active);
    $('end-session').hidden = !active;
    $('focus-state').textContent = !active ? 'No active session'
      : frame.current_focus_seconds === null ? 'Interrupted right now' : `Focused since ${new Date(Date.now() - frame.current_focus_seconds * 1000).toLocaleTimeString()}`;
    tick();
  }

  function tick() {
    const frame = state.frame;
    const timer = $('focus-timer');
    if (!frame || !frame.active_session) {
      timer.textContent = '--:--:--';
      timer.classList.remove('paused');
      return;
    }
    if (frame.current_focus_seconds === null) {
      timer.textContent = clock(0);
      timer.classList.add('paused');
      return;
    }
    timer.classList.remove('paused');
    timer.textContent = clock(frame.current_focus_seconds + (Date.now() - state.receivedAt) / 1000);
  }

  async function refreshCharts() {
    if (!state.user) return;
    const base = `/users/${state.user.id}/stats`;
    try {
      const [hours, weekly, types] = await Promise.all([
        api('GET', `${base}/productive-hours?range=7d`),
        api('GET', `${base}/weekly-pattern?range=7d`),
        api('GET', `${base}/interruption-types?range=1d`),
      ]);
      bars($('hours'), hours.hours.map((h) => ({ label: String(h.hour), work: h.work_seconds, lost: h.time_lost_seconds })));
      bars($('weekly'), weekly.days.map((d) => ({ label: DAYS[d.weekday_index], work: d.work_seconds, lost: d.time_lost_seconds })));
      typeList(types);
    } catch (error) {
      $('log-message').textContent = `Could not load charts: ${error.message}`;
    }
  }

  function bars(container, items) {
    const max = Math.max(1, ...items.map((i) => i.work));
    container.replaceChildren(...items.map((item) => {
      const col = document.createElement('div');
      col.className = 'col';
      col.title = `${item.label}: worked ${duration(item.work)}, lost ${duration(item.lost)}`;
      const stack = document.createElement('div');
      stack.className = 'stack';
      const work = document.createElement('div');
      work.className = 'work';
      work.style.height = `${(100 * Math.max(0, item.work - item.lost)) / max}%`;
      const lost = document.createElement('div');
      lost.className = 'lostbar';
      lost.style.height = `${(100 * Math.min(item.lost, item.work)) / max}%`;
      stack.append(work, lost);
      const label = document.createElement('span');
      label.className = 'label';
      label.textContent = item.label;
      col.append(stack, label);
      return col;
    }));
  }

  function typeList(types) {
    const total = Math.max(1, types.total_interruptions);
    $('types').replaceChildren(...TYPES.map((type) => {
      const count = types.counts[type] || 0;
      const li = document.createElement('li');
      li.dataset.type = type;
      const name = document.createElement('span');
      name.textContent = TYPE_NAMES[type];
      const track = document.createElement('div');
      track.className = 'track';
      const fill = document.createElement('div');
      fill.className = 'fill';
      fill.style.width = `${(100 * count) / total}%`;
      track.append(fill);
      const value = document.createElement('span');
      value.className = 'muted';
      value.textContent = `${count} · ${duration(types.lost_seconds[type] || 0)}`;
      li.append(name, track, value);
      return li;
    }));
  }

  async function run(button, action) {
    button.disabled = true;
    try {
      await action();
    } catch (error) {
      $('log-message').textContent = error.message;
    } finally {
      button.disabled = false;
    }
  }

  function signOut(message) {
    localStorage.removeItem(TOKEN_KEY);
    state.token = null;
    state.user = null;
    const socket = state.socket;
    state.socket = null;
    if (socket) socket.close();
    setConnection(false);
    $('user-name').textContent = '';
    $('login-error').textContent = message || '';
    show('login');
  }

  $('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    state.token = $('token-input').value.trim();
    localStorage.setItem(TOKEN_KEY, state.token);
    $('token-input').value = '';
    connect();
  });
  $('sign-out').addEventListener('click', () => signOut(''));
  $('start-session').addEventListener('click', (event) => run(event.currentTarget, async () => {
    await api('POST', '/sessions/start', { user_id: state.user.id });
    $('log-message').textContent = 'Session started.';
  }));
  $('end-session').addEventListener('click', (event) => run(event.currentTarget, async () => {
    await api('POST', `/sessions/${state.frame.active_session.id}/end`);
    $('log-message').textContent = 'Session ended.';
  }));
  $('log-form').addEventListener('submit', (event) => {
    event.preventDefault();
    run($('log-submit'), async () => {
      const active = state.frame && state.frame.active_session;
      if (!active) throw new Error('Start a session first: interruptions belong to a session.');
      const start = new Date(Date.now() - Number($('log-ago').value) * 60000);
      const end = new Date(start.getTime() + Number($('log-minutes').value) * 60000);
      await api('POST', '/interruptions', {
        session_id: active.id, user_id: state.user.id, type: $('log-type').value,
        description: $('log-description').value, start_time: start.toISOString(), end_time: end.toISOString(),
      });
      $('log-message').textContent = 'Interruption logged.';
    });
  });

  setInterval(tick, 1000);
  state.token = localStorage.getItem(TOKEN_KEY);
  if (state.token) connect(); else show('login');
})();

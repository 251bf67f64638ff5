/*
 * The participant's and the practitioner's pages' one door to Tend's API, through the gateway.
 *
 * The browser holds no token: the gateway's session relays the signed-in user's token (backend-for-frontend). A
 * state-changing request sends the XSRF-TOKEN cookie's value back as X-XSRF-TOKEN. A problem (RFC 9457) becomes a
 * thrown TendApi.Problem carrying its status, type, detail and errors[] ({field, rule, message}), which
 * TendApi.showProblem writes next to the form's fields.
 */
(function () {
  'use strict';

  /** How many times a 503 with Retry-After (a service not ready, figures being prepared) is waited out. */
  const RETRIES = 4;

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  class Problem extends Error {
    constructor(status, body) {
      super(body.detail || body.title || ('the service answered ' + status));
      this.status = status;
      this.type = body.type || null;
      this.errors = Array.isArray(body.errors) ? body.errors : [];
    }

    /** The violation naming this field, if any. */
    about(field) {
      return this.errors.find(e => e.field === field) || null;
    }
  }

  async function request(method, path, body, attempt = 0) {
    const headers = {'Accept': 'application/json'};
    if (method !== 'GET') {
      headers['X-XSRF-TOKEN'] = csrfToken();
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, {
      method: method, credentials: 'same-origin', headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    const retryAfter = Number(response.headers.get('Retry-After'));
    if (response.status === 503 && retryAfter > 0 && attempt < RETRIES && method === 'GET') {
      await new Promise(resolve => setTimeout(resolve, Math.min(retryAfter, 10) * 1000));
      return request(method, path, body, attempt + 1);
    }
    if (response.status === 401) {
      // The session ended: sign in again, then come back to this page.
      window.location.assign(window.location.pathname);
      throw new Problem(401, {detail: 'Your session ended; signing you in again.'});
    }
    if (response.status === 204) {
      return null;
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (e) {
      json = null;
    }
    if (!response.ok) {
      throw new Problem(response.status, json || {});
    }
    return json;
  }

  /** A GET that answers null for a 404 (something that does not exist yet, e.g. a journey before the first event). */
  async function find(path) {
    try {
      return await request('GET', path);
    } catch (e) {
      if (e instanceof Problem && e.status === 404) {
        return null;
      }
      throw e;
    }
  }

  /**
   * Shows a problem on a form: each violation next to the control whose data-field (or name) it names, the rest in
   * the form's [data-role=form-error]. Controls get aria-invalid and aria-describedby, so a screen reader reads the
   * message with the field. Clears what an earlier attempt showed.
   */
  function showProblem(form, error) {
    clearProblem(form);
    const general = form.querySelector('[data-role=form-error]');
    const unplaced = [];
    const violations = error instanceof Problem ? error.errors : [];
    violations.forEach(v => {
      const control = form.querySelector('[data-field="' + CSS.escape(v.field) + '"]')
          || form.querySelector('[name="' + CSS.escape(v.field) + '"]');
      if (!control) {
        unplaced.push(v.message);
        return;
      }
      const message = document.createElement('p');
      message.className = 'field-error';
      message.id = (control.id || control.name) + '-error';
      message.textContent = v.message;
      message.dataset.problemFor = v.field;
      const holder = control.closest('.field') || control.parentElement;
      holder.appendChild(message);
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', message.id);
    });
    if (general) {
      const lines = violations.length ? unplaced : [error.message];
      general.textContent = lines.filter(Boolean).join(' ');
      general.hidden = general.textContent === '';
    }
    const first = form.querySelector('[aria-invalid=true]');
    if (first) {
      first.focus();
    }
  }

  function clearProblem(form) {
    form.querySelectorAll('.field-error').forEach(e => e.remove());
    form.querySelectorAll('[aria-invalid]').forEach(c => {
      c.removeAttribute('aria-invalid');
      c.removeAttribute('aria-describedby');
    });
    const general = form.querySelector('[data-role=form-error]');
    if (general) {
      general.textContent = '';
      general.hidden = true;
    }
  }

  window.TendApi = {
    get: path => request('GET', path),
    find: find,
    post: (path, body) => request('POST', path, body === undefined ? {} : body),
    put: (path, body) => request('PUT', path, body),
    del: path => request('DELETE', path),
    Problem: Problem,
    showProblem: showProblem,
    clearProblem: clearProblem,
    csrfToken: csrfToken
  };
})();

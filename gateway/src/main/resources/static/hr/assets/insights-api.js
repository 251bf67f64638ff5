/*
 * The HR dashboard's one door to the insights API (insights-service, routed by the gateway under /api/insights/).
 * Everything the page knows about the API's paths and JSON is in this file, so a change of the API is a change here.
 *
 * The browser sends no token: the gateway's session relays the signed-in user's token (BFF). Reads only; the CSRF
 * header is sent anyway, so a write added later is protected without touching this code.
 *
 * Shapes the page uses:
 *   programme  {id, name, k, cohorts: [name], periods: [{id, label, kind: "month"|"quarter"}] newest first}
 *   figure     the API's FigureView: {measure, group, kind, label, participants, total, mean, met, percent,
 *              enrolledToDate, eligibleHeadcount, cells: [{category, count, percent}], intervention}
 *              where each value is {status: "released", value, noisy?} or {status: "withheld", rule, explanation}
 */
(function () {
  'use strict';

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  async function get(path) {
    const response = await fetch(path, {
      credentials: 'same-origin',
      headers: {'Accept': 'application/json', 'X-XSRF-TOKEN': csrfToken()}
    });
    if (response.status === 401) {
      // The session ended: sign in again and come back here.
      window.location.assign('/hr/');
      throw new Error('signed out');
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(body.detail || body.title || ('the insights service answered ' + response.status));
      error.status = response.status;
      throw error;
    }
    return body;
  }

  function period(id) {
    const quarter = /^(\d{4})-Q([1-4])$/.exec(id);
    if (quarter) {
      return {id: id, kind: 'quarter', label: 'Q' + quarter[2] + ' ' + quarter[1]};
    }
    const month = /^(\d{4})-(\d{2})$/.exec(id);
    const date = month ? new Date(Date.UTC(+month[1], +month[2] - 1, 1)) : null;
    return {
      id: id, kind: 'month',
      label: date ? date.toLocaleDateString('en-GB', {month: 'long', year: 'numeric', timeZone: 'UTC'}) : id
    };
  }

  /** The programmes the signed-in user may see (HR: their organisation's; admins: all). */
  async function programmes() {
    const body = await get('/api/insights/programmes');
    return (body.programmes || []).map(p => ({
      id: p.programmeId,
      name: p.name || p.programmeId,
      k: p.minimumGroupSize || 10,
      cohorts: p.cohorts || p.departments || [],
      periods: (p.periods || []).map(period)
    }));
  }

  /** Every figure of one programme for the whole programme (cohort null) or one cohort, in one closed period. */
  async function figures(programmeId, cohort, periodId) {
    const query = new URLSearchParams({period: periodId});
    if (cohort) {
      query.set('cohort', cohort);
    }
    const body = await get('/api/insights/programmes/' + encodeURIComponent(programmeId) + '/figures?' + query);
    return body.figures || [];
  }

  window.TendInsights = {programmes: programmes, figures: figures, csrfToken: csrfToken};
})();

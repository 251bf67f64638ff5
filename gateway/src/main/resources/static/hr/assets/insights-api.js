/*
 * The HR dashboard's one door to the insights API (insights-service, routed by the gateway under /api/insights/;
 * insights-service/README.md, "HTTP API"). Everything the page knows about the API's paths and JSON is in this file,
 * so a change of the API is a change here.
 *
 * The browser sends no token: the gateway's session relays the signed-in user's token (BFF). Reads only; the CSRF
 * header is sent anyway, so a write added later is protected without touching this code.
 *
 * What the page gets from here:
 *   programme  {id, name, k, cohorts: [slug], periods: [{id, label, kind: "month"|"quarter"}] newest first, closed
 *              periods only (the API's months and quarters; the current month is not offered: everything in it is
 *              withheld until it closes), currentMonth: {id, label}}
 *   figures    {period, closed, cohort, privacy, figures: [figure]}
 *   trend      {measure, cohort, privacy, months: [{period: {id, label}, figure}]}
 *   figure     the API's FigureView: {measure, group, kind: count|total|mean|rate|distribution, label, participants,
 *              total, mean, met, percent, enrolledToDate, eligibleHeadcount, cells: [{category, count, percent}],
 *              intervention: {interventionId, name, approach}}, fields that do not apply left out, each value
 *              {status: "released", value, noisy?} or {status: "withheld", rule, explanation}
 *   privacy    {mode: "exact"|"noise", minimumGroupSize, epsilonSpent?, epsilonRemaining?, monthlyBudget?}
 */
(function () {
  'use strict';

  const BASE = '/api/insights/programmes';

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  /** How many times a 503 with Retry-After (figures being prepared, a rebuild) is waited out before it is shown. */
  const RETRIES = 6;

  async function get(path, attempt = 0) {
    const response = await fetch(path, {
      credentials: 'same-origin',
      headers: {'Accept': 'application/json', 'X-XSRF-TOKEN': csrfToken()}
    });
    const retryAfter = Number(response.headers.get('Retry-After'));
    if (response.status === 503 && retryAfter > 0 && attempt < RETRIES) {
      // The service says when to ask again (a large programme's figures are being prepared): wait, then ask.
      await new Promise(resolve => setTimeout(resolve, Math.min(retryAfter, 30) * 1000));
      return get(path, attempt + 1);
    }
    if (response.status === 401) {
      // The session ended: sign in again and come back here.
      window.location.assign('/hr/');
      throw new Error('signed out');
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      // A problem (RFC 9457): its detail says what is wrong (e.g. the privacy budget is spent, 429).
      const error = new Error(body.detail || body.title || ('the insights service answered ' + response.status));
      error.status = response.status;
      error.type = body.type;
      throw error;
    }
    return body;
  }

  /** A period id as the API writes it (2026-05, 2026-Q2) with words for people. */
  function period(id) {
    const quarter = /^(\d{4})-Q([1-4])$/.exec(id);
    if (quarter) {
      return {id: id, kind: 'quarter', label: 'Q' + quarter[2] + ' ' + quarter[1] + ' (quarter)'};
    }
    const month = /^(\d{4})-(\d{2})$/.exec(id);
    const date = month ? new Date(Date.UTC(+month[1], +month[2] - 1, 1)) : null;
    return {
      id: id, kind: 'month',
      label: date ? date.toLocaleDateString('en-GB', {month: 'long', year: 'numeric', timeZone: 'UTC'}) : id
    };
  }

  /** Newest first; a quarter just before its last month. */
  function periodsOf(p) {
    const months = (p.months || []).filter(m => !p.currentMonth || m < p.currentMonth);
    const quarters = p.quarters || [];
    const sortKey = id => {
      const q = /^(\d{4})-Q([1-4])$/.exec(id);
      // A quarter sorts as its last month, just after it (so it is listed above it, newest first).
      return q ? q[1] + '-' + String(+q[2] * 3).padStart(2, '0') + 'q' : id;
    };
    return months.concat(quarters).sort((a, b) => sortKey(b).localeCompare(sortKey(a))).map(period);
  }

  /** The programmes the signed-in user may see (HR: their organisation's; admins: all). */
  async function programmes() {
    const body = await get(BASE);
    const list = Array.isArray(body) ? body : [];
    return list.map((p, i) => {
      const first = (p.months || [])[0];
      return {
        id: p.programmeId,
        name: 'Programme ' + (i + 1) + (first ? ', from ' + period(first).label : ''),
        k: p.minimumGroupSize,
        cohorts: p.cohorts || [],
        periods: periodsOf(p),
        currentMonth: p.currentMonth ? period(p.currentMonth) : null,
        measures: p.measures || []
      };
    });
  }

  function query(params) {
    const q = new URLSearchParams();
    Object.keys(params).forEach(key => {
      if (params[key]) {
        q.set(key, params[key]);
      }
    });
    return q.toString();
  }

  /** Every figure of one programme for the whole programme (cohort null) or one cohort, in one period. */
  async function figures(programmeId, cohort, periodId) {
    const body = await get(BASE + '/' + encodeURIComponent(programmeId) + '/figures?'
        + query({period: periodId, cohort: cohort}));
    return {
      period: period(body.period || periodId),
      closed: body.closed !== false,
      cohort: body.cohort || null,
      privacy: body.privacy || null,
      figures: body.figures || []
    };
  }

  /** One measure month by month over the closed months, in one call. */
  async function trend(programmeId, measure, cohort) {
    const body = await get(BASE + '/' + encodeURIComponent(programmeId) + '/trends?'
        + query({measure: measure, cohort: cohort}));
    return {
      measure: body.measure,
      cohort: body.cohort || null,
      privacy: body.privacy || null,
      months: (body.months || []).map(m => ({period: period(m.period), figure: m.figure}))
    };
  }

  window.TendInsights = {programmes: programmes, figures: figures, trend: trend, csrfToken: csrfToken};
})();

/*
 * The practitioner's pages: the caseload (safety alerts first, then plans needing review, overdue first, then
 * re-assessments due) and one participant's journey, care plan and actions: acknowledge an alert, release a care
 * hold, adjust the plan, record a review. Participants are known by their pseudonymous id only.
 *
 * Views by the address's fragment: #caseload, #participant/<participantId>.
 * <body data-view> says which view is shown and data-loaded="true" once its data is on the page (for the tests).
 */
(function () {
  'use strict';

  const api = window.TendApi;
  const J = window.TendJourney;
  const el = J.el;
  const $ = id => document.getElementById(id);

  const REASONS = ['no-reliable-improvement', 'reliable-deterioration', 'participant-preference', 'completed',
    'not-engaging', 'other'];
  const state = {titles: {}, interventions: [], charts: [], participantId: null, plan: null};

  function status(text, isError) {
    $('status').textContent = text || '';
    $('status').classList.toggle('error', !!isError);
  }

  function show(view) {
    ['caseload', 'participant'].forEach(v => { $('view-' + v).hidden = v !== view; });
    document.body.dataset.view = view;
  }

  function who(participantId) {
    return 'Participant ' + participantId;
  }

  /** A questionnaire's short name, or the goal rating (a scheduled measure that is not a questionnaire). */
  function instrument(id) {
    return state.titles[id] || id !== 'goal-rating' ? J.shortTitle(id, state.titles) : 'Goal rating';
  }

  async function route() {
    document.body.dataset.loaded = '';
    state.charts.forEach(c => c.dispose());
    state.charts = [];
    const [view, id] = window.location.hash.replace(/^#/, '').split('/');
    try {
      if (!state.interventions.length) {
        const [instruments, catalogue] = await Promise.all([api.get('/api/instruments'), api.get('/api/interventions')]);
        instruments.forEach(i => { state.titles[i.id] = i.title; });
        J.useInstruments(instruments);
        state.interventions = catalogue.interventions || [];
      }
      if (view === 'participant' && id) {
        await showParticipant(decodeURIComponent(id));
      } else {
        await showCaseload();
      }
      document.body.dataset.loaded = 'true';
    } catch (e) {
      status('Something went wrong: ' + e.message, true);
      document.body.dataset.loaded = 'error';
    }
  }

  // ---- the caseload -------------------------------------------------------------------------------------------

  async function showCaseload() {
    status('Loading your caseload…');
    const [alerts, review] = await Promise.all([api.get('/api/safety/alerts'), api.get('/api/journeys/needing-review')]);
    show('caseload');
    const alertList = $('alerts');
    alertList.replaceChildren();
    // Overdue alerts first, then oldest first (the API's order).
    alerts.slice().sort((a, b) => Number(b.overdue) - Number(a.overdue)).forEach(a => alertList.append(
        el('li', {class: 'alert-entry', dataset: {participantId: a.participantId, concernId: a.concernId}},
            el('p', {}, el('span', {class: 'tag alert'}, a.overdue ? 'Safety alert – overdue' : 'Safety alert'), ' ',
                el('strong', {}, who(a.participantId))),
            el('p', {}, instrument(a.instrumentId) + ' ' + ruleText(a.rule) + ', raised ' + J.dateTime(a.raisedAt)
                + '; acknowledge by ' + J.dateTime(a.acknowledgeBy) + (a.overdue ? ' (overdue)' : '') + '.'),
            el('a', {class: 'button', href: '#participant/' + a.participantId}, 'Open ' + who(a.participantId)))));
    if (!alerts.length) {
      alertList.append(el('li', {}, 'No open safety alert.'));
    }
    const entries = review.participants || [];
    const reviewList = $('reviews');
    reviewList.replaceChildren();
    entries.filter(e => e.needsReview).forEach(e => reviewList.append(
        el('li', {class: 'review-entry', dataset: {participantId: e.participantId, overdue: String(e.overdue)}},
            el('p', {}, el('span', {class: 'tag ' + (e.overdue ? 'alert' : 'warn')},
                e.overdue ? 'Review overdue' : 'Needs review'), ' ', el('strong', {}, who(e.participantId))),
            el('ul', {}, e.flags.map(f => el('li', {}, f.reason + ' – since ' + J.date(f.since)
                + (f.overdueAt ? (f.overdue ? '; overdue since ' : '; review by ') + J.date(f.overdueAt) : '')))),
            el('a', {class: 'button secondary', href: '#participant/' + e.participantId},
                'Open ' + who(e.participantId)))));
    if (!reviewList.children.length) {
      reviewList.append(el('li', {}, 'No plan needs review.'));
    }
    const dueList = $('due');
    dueList.replaceChildren();
    entries.filter(e => e.due && e.due.length).forEach(e => dueList.append(
        el('li', {class: 'due-entry', dataset: {participantId: e.participantId}},
            el('p', {}, el('strong', {}, who(e.participantId))),
            el('ul', {}, e.due.map(d => el('li', {}, el('span', {class: 'tag ' + (d.overdue ? 'alert' : 'warn')},
                J.word('due', d.status)), ' ' + instrument(d.measure) + ' due ' + J.date(d.dueAt)))),
            el('a', {class: 'button secondary', href: '#participant/' + e.participantId},
                'Open ' + who(e.participantId)))));
    if (!dueList.children.length) {
      dueList.append(el('li', {}, 'No re-assessment is due.'));
    }
    status('');
    $('main').focus();
  }

  function ruleText(rule) {
    return rule && rule.endsWith('item-9') ? 'item 9 answered positively (thoughts of death or self-harm)'
        : 'safety rule ' + rule;
  }

  // ---- one participant -------------------------------------------------------------------------------------------

  async function showParticipant(participantId) {
    status('Loading ' + who(participantId) + '…');
    const q = '?participantId=' + encodeURIComponent(participantId);
    const [journey, plan, hold, alerts] = await Promise.all([
      api.find('/api/journeys/' + encodeURIComponent(participantId)),
      api.find('/api/care-plans' + q),
      api.find('/api/care-holds' + q),
      api.get('/api/safety/alerts')
    ]);
    state.participantId = participantId;
    state.plan = plan;
    show('participant');
    $('participant-title').textContent = who(participantId);
    renderSafety(participantId, alerts.filter(a => a.participantId === participantId), hold);
    renderPlan(plan);
    renderFlags(journey);
    state.charts = J.renderCharts($('charts'), journey, plan, state.titles);
    fillForms(plan);
    status('');
    $('participant-title').setAttribute('tabindex', '-1');
    $('participant-title').focus();
  }

  function renderSafety(participantId, alerts, hold) {
    const box = $('participant-safety');
    box.replaceChildren();
    alerts.forEach(a => {
      const form = el('form', {class: 'actions', dataset: {concernId: a.concernId}},
          el('button', {type: 'submit', class: 'button danger'}, 'Acknowledge the alert'),
          el('p', {class: 'form-error', 'data-role': 'form-error', role: 'alert', hidden: true}));
      form.addEventListener('submit', e => {
        e.preventDefault();
        act(form, () => api.post('/api/safety/alerts/' + a.concernId + '/acknowledgement'), 'Alert acknowledged.');
      });
      box.append(el('section', {class: 'callout alert safety-alert', 'aria-label': 'Safety alert'},
          el('h2', {}, 'Safety alert' + (a.overdue ? ' – overdue' : '')),
          el('p', {}, instrument(a.instrumentId) + ' ' + ruleText(a.rule) + ', raised ' + J.dateTime(a.raisedAt)
              + '. Acknowledge by ' + J.dateTime(a.acknowledgeBy) + ' once you have been in touch.'), form));
    });
    if (hold && hold.held) {
      const form = el('form', {class: 'actions', id: 'release-form'},
          el('button', {type: 'submit', class: 'button'}, 'Release the care hold'),
          el('p', {class: 'form-error', 'data-role': 'form-error', role: 'alert', hidden: true}));
      form.addEventListener('submit', e => {
        e.preventDefault();
        act(form, () => api.post('/api/care-holds/' + encodeURIComponent(participantId) + '/release'),
            'Care hold released: the participant sees recommendations again.');
      });
      box.append(el('section', {class: 'callout warn', id: 'care-hold', 'aria-label': 'Care hold'},
          el('h2', {}, 'Care hold since ' + J.dateTime(hold.placedAt)),
          el('p', {}, 'The participant sees only the safety pathway and crisis signposting, no automated '
              + 'recommendation, until you release the hold after your review.'), form));
    } else if (hold && hold.releasedAt) {
      box.append(el('p', {class: 'callout ok', id: 'care-hold-released'}, 'Care hold released '
          + J.dateTime(hold.releasedAt) + '.'));
    }
  }

  function renderPlan(plan) {
    const box = $('plan');
    box.replaceChildren();
    if (!plan) {
      box.append(el('p', {class: 'hint'}, 'No care plan.'));
      return;
    }
    box.append(el('dl', {class: 'facts'}, el('dt', {}, 'Level'), el('dd', {id: 'plan-level'},
        plan.level ? plan.level.label : 'none yet'), el('dt', {}, 'Episode'), el('dd', {}, String(plan.episode))));
    const list = el('ul', {class: 'plain items', id: 'plan-interventions'});
    plan.interventions.forEach(i => list.append(el('li', {dataset: {interventionId: i.interventionId}},
        el('strong', {}, i.name), ' ', el('span', {class: 'tag ' + (i.endedAt ? 'info' : 'ok')},
            i.endedAt ? 'Ended' : 'Active'),
        ' – from ' + J.date(i.startedAt) + (i.endedAt ? ' to ' + J.date(i.endedAt) : '')
        + (i.endReason ? ' (' + J.word('reason', i.endReason).toLowerCase() + ')' : ''))));
    if (!plan.interventions.length) {
      list.append(el('li', {}, 'No intervention in the plan yet.'));
    }
    box.append(list);
    const history = plan.adjustments.map(a => ({time: a.adjustedAt, text: J.word('change', a.change)
          + (a.interventionId ? ' ' + nameOf(a.interventionId) : '')
          + (a.replacedInterventionId ? ' (instead of ' + nameOf(a.replacedInterventionId) + ')' : ''),
      reason: J.word('reason', a.reason), note: a.note, by: a.adjustedByRole}))
        .concat(plan.reviews.map(r => ({time: r.reviewedAt, text: 'Reviewed: continue', reason: J.word('reason', r.reason),
          note: r.note, by: 'practitioner'})))
        .sort((a, b) => b.time.localeCompare(a.time));
    if (history.length) {
      box.append(el('div', {class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Adjustments and reviews'},
          el('table', {id: 'plan-history'},
          el('caption', {}, 'Adjustments and reviews, newest first'),
          el('thead', {}, el('tr', {}, ...['Date', 'What', 'Why', 'Note'].map(h => el('th', {scope: 'col'}, h)))),
          el('tbody', {}, history.map(h => el('tr', {}, el('td', {}, J.date(h.time)),
              el('td', {}, h.text + (h.by === 'participant' ? ' (by the participant)' : '')),
              el('td', {}, h.reason), el('td', {}, h.note || '')))))));
    }
  }

  function nameOf(interventionId) {
    const found = state.interventions.find(i => i.interventionId === interventionId);
    return found ? found.name : interventionId;
  }

  function renderFlags(journey) {
    const box = $('flags');
    box.replaceChildren();
    if (!journey) {
      box.append(el('p', {class: 'hint'}, 'No journey yet.'));
      return;
    }
    const review = journey.review || {flags: []};
    if (!review.flags.length) {
      box.append(el('p', {}, el('span', {class: 'tag ok'}, 'No open flag'), ' Nothing needs review.'));
    } else {
      box.append(el('ul', {class: 'plain items', id: 'open-flags'}, review.flags.map(f => el('li', {},
          el('span', {class: 'tag ' + (f.overdue ? 'alert' : 'warn')}, f.overdue ? 'Overdue' : 'Open'), ' ', f.reason,
          el('p', {class: 'hint'}, 'Since ' + J.date(f.since) + (f.overdueAt ? '; review by ' + J.date(f.overdueAt) : ''))))));
    }
    const due = (journey.due || []);
    if (due.length) {
      box.append(el('h3', {}, 'Re-assessments'), el('ul', {class: 'plain'}, due.map(d => el('li', {},
          el('span', {class: 'tag ' + (d.status === 'overdue' ? 'alert' : d.status === 'due' ? 'warn' : 'info')},
              J.word('due', d.status)), ' ' + instrument(d.measure) + ' due ' + J.date(d.dueAt)))));
    }
    if (journey.goals && journey.goals.length) {
      box.append(el('h3', {}, 'Goals'), el('ul', {class: 'plain'}, journey.goals.map(g => el('li', {},
          (g.interventionName || g.interventionId) + ': ' + (g.status === 'active' ? 'active' : g.status.replace(/-/g, ' '))
          + (g.latestRating !== null && g.latestRating !== undefined ? ', latest rating ' + g.latestRating + '/10' : '')))));
    }
  }

  function option(value, label) {
    return el('option', {value: value}, label);
  }

  function fillForms(plan) {
    const active = ((plan && plan.interventions) || []).filter(i => !i.endedAt);
    const activeIds = new Set(active.map(i => i.interventionId));
    const change = $('adjust-change').value;
    const intervention = $('adjust-intervention');
    intervention.replaceChildren();
    if (change === 'stop') {
      active.forEach(i => intervention.append(option(i.interventionId, i.name)));
    } else {
      intervention.append(option('', change === 'step-up' || change === 'step-down' ? '(none)' : 'Choose…'));
      state.interventions.filter(i => !activeIds.has(i.interventionId))
          .forEach(i => intervention.append(option(i.interventionId, i.name)));
    }
    const replaced = $('adjust-replaced');
    replaced.replaceChildren(...active.map(i => option(i.interventionId, i.name)));
    $('field-replaced').hidden = change !== 'switch';
    ['adjust-reason', 'review-reason'].forEach(id => {
      const select = $(id);
      const was = select.value;
      select.replaceChildren(option('', 'Choose…'), ...REASONS.map(r => option(r, J.word('reason', r))));
      select.value = was;
    });
  }

  $('adjust-change').addEventListener('change', () => fillForms(state.plan));

  $('adjust').addEventListener('submit', e => {
    e.preventDefault();
    const form = e.target;
    const body = {change: form.change.value, reason: form.reason.value || null, note: form.note.value || null,
      interventionId: form.interventionId.value || null,
      replacedInterventionId: form.change.value === 'switch' ? form.replacedInterventionId.value || null : null};
    act(form, () => api.post('/api/care-plans/' + encodeURIComponent(state.participantId) + '/adjustments', body),
        'Plan adjusted.', true);
  });

  $('review').addEventListener('submit', e => {
    e.preventDefault();
    const form = e.target;
    act(form, () => api.post('/api/care-plans/' + encodeURIComponent(state.participantId) + '/reviews',
        {decision: 'continue', reason: form.reason.value || null, note: form.note.value || null}), 'Review recorded.', true);
  });

  /** Runs an action, then shows the participant again; a problem next to the form's fields. */
  async function act(form, action, done, reset) {
    const buttons = form.querySelectorAll('button');
    buttons.forEach(b => { b.disabled = true; });
    try {
      api.clearProblem(form);
      await action();
      if (reset) {
        form.reset();
      }
      await showParticipant(state.participantId);
      status(done);
      document.body.dataset.loaded = 'true';
    } catch (error) {
      api.showProblem(form, error);
    } finally {
      buttons.forEach(b => { b.disabled = false; });
    }
  }

  $('csrf').value = api.csrfToken();
  window.addEventListener('hashchange', route);
  window.addEventListener('resize', () => state.charts.forEach(c => c.resize()));
  route();
})();

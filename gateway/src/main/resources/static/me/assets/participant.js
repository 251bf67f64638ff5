/*
 * The participant's pages: next steps, questionnaires (one question at a time on a phone, all at once on a wider
 * screen; answers saved as they are given, so an unfinished one is resumed), results with their band in words and
 * crisis signposting where a safety concern was raised, recommendations with their reasons, the care plan, goals,
 * the journey's charts and e-mail reminders.
 *
 * Views by the address's fragment: #home (and #home-<section>), #assessment/<id>, #result/<id>.
 * <body data-view> says which view is shown and data-loaded="true" once its data is on the page (for the tests).
 */
(function () {
  'use strict';

  const api = window.TendApi;
  const J = window.TendJourney;
  const el = J.el;
  const $ = id => document.getElementById(id);
  const phone = window.matchMedia('(max-width: 40rem)');

  const state = {
    instruments: [],          // [{id, version, title}]
    titles: {},               // id → title
    definitions: {},          // id → the instrument's definition
    charts: [],
    lastSubmission: null      // the submission's answer (with next steps), for its result view
  };

  function status(text, isError) {
    const s = $('status');
    s.textContent = text || '';
    s.classList.toggle('error', !!isError);
  }

  function show(view) {
    ['home', 'assessment', 'result'].forEach(v => { $('view-' + v).hidden = v !== view; });
    document.body.dataset.view = view;
  }

  function loaded(value) {
    document.body.dataset.loaded = value;
  }

  function failed(error) {
    status('Something went wrong: ' + error.message, true);
    loaded('error');
  }

  // ---- routing ------------------------------------------------------------------------------------------------

  async function route() {
    const hash = window.location.hash.replace(/^#/, '') || 'home';
    loaded('');
    state.charts.forEach(c => c.dispose());
    state.charts = [];
    try {
      if (state.instruments.length === 0) {
        state.instruments = await api.get('/api/instruments');
        state.instruments.forEach(i => { state.titles[i.id] = i.title; });
        J.useInstruments(state.instruments);
      }
      const [view, id] = hash.split('/');
      if (view === 'assessment' && id) {
        await showAssessment(id);
      } else if (view === 'result' && id) {
        await showResult(id);
      } else {
        await showHome();
        const target = hash !== 'home' && document.getElementById(hash);
        if (target) {
          target.scrollIntoView();
          const heading = target.querySelector('h2');
          if (heading) {
            heading.setAttribute('tabindex', '-1');
            heading.focus({preventScroll: true});
          }
        }
      }
    } catch (e) {
      failed(e);
    }
  }

  async function definition(instrumentId) {
    if (!state.definitions[instrumentId]) {
      state.definitions[instrumentId] = await api.get('/api/instruments/' + encodeURIComponent(instrumentId));
    }
    return state.definitions[instrumentId];
  }

  function title(instrumentId) {
    return J.shortTitle(instrumentId, state.titles);
  }

  /** Starts a questionnaire and opens it. */
  async function start(instrumentId, button) {
    if (button) {
      button.disabled = true;
    }
    try {
      const started = await api.post('/api/assessments', {instrumentId: instrumentId});
      window.location.hash = '#assessment/' + started.assessmentId;
    } catch (e) {
      status('The questionnaire could not be started: ' + e.message, true);
      if (button) {
        button.disabled = false;
      }
    }
  }

  // ---- the overview ---------------------------------------------------------------------------------------------

  async function showHome() {
    status('Loading your page…');
    const [nextSteps, journey, recommendations, plan, goals, hold, reminders] = await Promise.all([
      api.get('/api/assessments/next-steps'),
      api.find('/api/journeys/me'),
      api.find('/api/recommendations/me'),
      api.find('/api/care-plans/me'),
      api.find('/api/goals/me'),
      api.find('/api/care-holds/me'),
      reminderStatus()
    ]);
    show('home');
    renderSafety(recommendations, hold);
    renderNextSteps(nextSteps, journey);
    renderInstruments();
    renderRecommendations(recommendations, plan);
    renderPlan(plan);
    renderGoals(goals, plan, recommendations);
    state.charts = J.renderCharts($('charts'), journey, plan, state.titles);
    renderReminders(reminders);
    status('');
    loaded('true');
  }

  function renderSafety(recommendations, hold) {
    const box = $('safety');
    box.replaceChildren();
    const careHold = recommendations && recommendations.careHold;
    if (!careHold && !(hold && hold.held)) {
      return;
    }
    box.append(el('section', {class: 'callout alert', id: 'signposting', 'aria-labelledby': 'h-support'},
        el('h2', {id: 'h-support'}, 'Support, now if you need it'),
        el('p', {class: 'signposting'}, careHold ? careHold.crisisSignposting : ''),
        el('p', {}, careHold ? careHold.message : 'Your practitioner will be in touch with you soon.')));
  }

  function renderNextSteps(steps, journey) {
    const list = $('next-steps');
    list.replaceChildren();
    steps.forEach(step => {
      const name = step.title ? title(step.instrumentId) : step.instrumentId;
      if (step.action === 'resume-assessment') {
        list.append(el('li', {dataset: {step: 'resume'}},
            el('p', {}, el('strong', {}, 'Finish your ' + name), ' – started ' + J.date(step.since)
                + '; you can finish it until ' + J.date(step.expiresAt) + '.'),
            el('a', {class: 'button', href: '#assessment/' + step.assessmentId}, 'Carry on with the ' + name)));
      } else if (step.action === 'take-assessment') {
        list.append(el('li', {dataset: {step: 'follow-up'}},
            el('p', {}, el('strong', {}, 'Take the ' + name), ' – your last answers suggest it would help to know more.'),
            el('button', {type: 'button', class: 'button', onclick: e => start(step.instrumentId, e.target)},
                'Start the ' + name)));
      }
    });
    ((journey && journey.due) || []).filter(d => d.status === 'due' || d.status === 'overdue').forEach(d => {
      const overdue = d.status === 'overdue';
      const questionnaire = !!state.titles[d.measure];
      list.append(el('li', {dataset: {step: 'due', status: d.status}},
          el('p', {}, el('span', {class: 'tag ' + (overdue ? 'alert' : 'warn')}, overdue ? 'Overdue' : 'Due now'), ' ',
              el('strong', {}, 'Time for your ' + measureName(d.measure)), ' – due ' + J.date(d.dueAt)
              + (overdue ? ', overdue since ' + J.date(d.overdueAt) : '') + '.'),
          questionnaire
              ? el('button', {type: 'button', class: 'button', onclick: e => start(d.measure, e.target)},
                  'Start the ' + title(d.measure))
              : el('a', {class: 'button', href: '#home-goals'}, 'Rate your goals')));
    });
    if (!list.children.length) {
      list.append(el('li', {}, el('p', {}, 'Nothing is waiting for you. You can take a questionnaire whenever you like.')));
    }
    ((journey && journey.due) || []).filter(d => d.status === 'upcoming').forEach(d => {
      list.append(el('li', {dataset: {step: 'upcoming'}}, el('p', {}, el('span', {class: 'tag info'}, 'Upcoming'), ' ',
          'Your next ' + measureName(d.measure) + ' is due on ' + J.date(d.dueAt) + '.')));
    });
  }

  /** A scheduled measure: a questionnaire, or the goal rating. */
  function measureName(measure) {
    return state.titles[measure] ? title(measure) : measure === 'goal-rating' ? 'goal rating' : measure.replace(/-/g, ' ');
  }

  function renderInstruments() {
    const list = $('instruments');
    list.replaceChildren();
    state.instruments.forEach(i => {
      list.append(el('li', {class: 'stepper'}, el('span', {}, i.title),
          el('button', {type: 'button', class: 'button secondary', 'aria-label': 'Start the ' + title(i.id),
            onclick: e => start(i.id, e.target)}, 'Start')));
    });
  }

  function renderRecommendations(r, plan) {
    const box = $('recommendations');
    box.replaceChildren();
    if (!r) {
      box.append(el('p', {class: 'hint'}, 'Your recommendations appear after your first questionnaire.'));
      return;
    }
    if (r.careHold) {
      box.append(el('div', {class: 'callout warn', id: 'safety-pathway'},
          el('h3', {}, 'Your practitioner reviews your answers first'),
          el('p', {}, r.careHold.message),
          r.pathway ? el('p', {class: 'hint'}, r.pathway.reason) : null));
      return;
    }
    if (r.level) {
      box.append(el('p', {}, el('strong', {}, 'Recommended level of support: '), r.level.label + '.'),
          el('p', {class: 'hint'}, r.level.reason));
    }
    if (r.pathway) {
      box.append(el('p', {class: 'callout warn'}, r.pathway.reason));
    }
    const inPlan = new Set(((plan && plan.interventions) || []).filter(i => !i.endedAt).map(i => i.interventionId));
    const list = el('ul', {class: 'plain items', id: 'recommendation-list'});
    (r.recommendations || []).forEach(item => {
      const taken = inPlan.has(item.interventionId);
      const form = el('form', {class: 'actions', dataset: {interventionId: item.interventionId}},
          el('p', {class: 'form-error', 'data-role': 'form-error', role: 'alert', hidden: true}),
          taken ? el('span', {class: 'tag ok'}, 'In your plan')
              : el('button', {type: 'submit', class: 'button secondary', 'aria-label': 'Take up ' + item.name},
                  'Take this up'));
      form.addEventListener('submit', e => { e.preventDefault(); takeUp(item.interventionId, form); });
      list.append(el('li', {dataset: {interventionId: item.interventionId}},
          el('p', {}, el('strong', {}, item.rank + '. ' + item.name),
              item.formats && item.formats.length ? ' – ' + item.formats.join(', ') : ''),
          el('p', {class: 'hint'}, 'Why: ' + item.reason), form));
    });
    if (!list.children.length) {
      list.append(el('li', {}, 'No intervention is recommended at the moment.'));
    }
    box.append(el('h3', {}, 'Recommended for you'), list);
    // The first three, best first; the others a click away.
    const more = Array.from(list.children).slice(3);
    if (more.length) {
      box.append(el('details', {id: 'more-recommendations'},
          el('summary', {}, 'More recommendations (' + more.length + ')'),
          el('ul', {class: 'plain items'}, more)));
    }
  }

  async function takeUp(interventionId, form) {
    try {
      await api.post('/api/care-plans/me/interventions', {interventionId: interventionId});
      status('Added to your plan.');
      await showHome();
    } catch (e) {
      api.showProblem(form, e);
    }
  }

  function renderPlan(plan) {
    const box = $('care-plan');
    box.replaceChildren();
    if (!plan) {
      box.append(el('p', {class: 'hint'}, 'You have no care plan yet.'));
      return;
    }
    box.append(el('p', {}, el('strong', {}, 'Level: '), plan.level ? plan.level.label : 'not set yet'));
    const current = plan.interventions.filter(i => !i.endedAt);
    const ended = plan.interventions.filter(i => i.endedAt);
    const list = el('ul', {class: 'plain items', id: 'plan-interventions'});
    current.forEach(i => list.append(el('li', {dataset: {interventionId: i.interventionId}},
        el('strong', {}, i.name), ' ', el('span', {class: 'tag ok'}, 'Active'), ' – since ' + J.date(i.startedAt))));
    ended.forEach(i => list.append(el('li', {dataset: {interventionId: i.interventionId}},
        el('strong', {}, i.name), ' ', el('span', {class: 'tag info'}, 'Ended'),
        ' – ' + J.date(i.startedAt) + ' to ' + J.date(i.endedAt)
        + (i.endReason ? ' (' + J.word('reason', i.endReason).toLowerCase() + ')' : ''))));
    if (!list.children.length) {
      list.append(el('li', {}, 'Nothing in your plan yet: take up one of your recommendations, or agree one with your '
          + 'practitioner.'));
    }
    box.append(list);
    if (plan.adjustments.length) {
      const rows = plan.adjustments.slice().reverse().map(a => el('tr', {},
          el('td', {}, J.date(a.adjustedAt)),
          el('td', {}, J.word('change', a.change) + (a.interventionId ? ': ' + nameIn(plan, a.interventionId) : '')),
          el('td', {}, J.word('reason', a.reason)),
          el('td', {}, a.adjustedByRole === 'participant' ? 'You' : 'Your practitioner')));
      box.append(el('details', {}, el('summary', {}, 'Changes to your plan (' + plan.adjustments.length + ')'),
          el('div', {class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Changes to your plan'},
              el('table', {id: 'plan-adjustments'},
              el('caption', {}, 'Changes to your plan, newest first'),
              el('thead', {}, el('tr', {}, ...['Date', 'Change', 'Why', 'By'].map(h => el('th', {scope: 'col'}, h)))),
              el('tbody', {}, rows)))));
    }
  }

  function nameIn(plan, interventionId) {
    const found = plan.interventions.find(i => i.interventionId === interventionId);
    return found ? found.name : interventionId;
  }

  // ---- goals ------------------------------------------------------------------------------------------------

  function renderGoals(goals, plan, recommendations) {
    const list = $('goals');
    list.replaceChildren();
    const all = (goals && goals.goals) || [];
    all.forEach(goal => list.append(goalItem(goal)));
    if (!all.length) {
      list.append(el('li', {}, el('p', {class: 'hint'}, 'No goals yet. A goal is something you want to get out of your plan, '
          + 'in your own words; you rate your progress on it from 0 to 10.')));
    }
    const select = $('goal-intervention');
    select.replaceChildren();
    const options = new Map();
    ((plan && plan.interventions) || []).filter(i => !i.endedAt).forEach(i => options.set(i.interventionId, i.name));
    ((recommendations && recommendations.recommendations) || []).forEach(i => {
      if (!options.has(i.interventionId)) {
        options.set(i.interventionId, i.name);
      }
    });
    options.forEach((name, id) => select.append(el('option', {value: id}, name)));
    $('new-goal').hidden = options.size === 0;
  }

  function goalItem(goal) {
    const active = goal.status === 'active';
    const id = goal.goalId;
    const statusTag = active ? el('span', {class: 'tag info'}, 'Active')
        : el('span', {class: 'tag ok'}, goal.status === 'achieved' ? 'Achieved' : 'No longer relevant');
    const item = el('li', {dataset: {goalId: id, status: goal.status}},
        el('p', {}, el('strong', {class: 'goal-description'}, goal.description), ' ', statusTag),
        el('p', {class: 'hint'}, 'For ' + goal.interventionName + ' · set ' + J.date(goal.setAt)
            + (goal.targetDate ? ' · by ' + J.date(goal.targetDate) : '')
            + (goal.latestRating !== null && goal.latestRating !== undefined
                ? ' · latest rating ' + goal.latestRating + ' out of 10' : ' · not rated yet')
            + (goal.change !== null && goal.change !== undefined
                ? ' (' + (goal.change >= 0 ? '+' : '') + goal.change + ' since the first)' : '')));
    if (!active) {
      return item;
    }
    // Rate: 0–10.
    const rateForm = el('form', {class: 'rate', novalidate: true},
        el('div', {class: 'field'}, el('label', {for: 'rate-' + id}, 'How far along are you? (0 not at all – 10 goal reached)'),
            el('select', {id: 'rate-' + id, name: 'rating', 'data-field': 'rating'},
                Array.from({length: 11}, (_, n) => el('option', {value: String(n),
                  selected: n === (goal.latestRating || 0)}, String(n))))),
        el('p', {class: 'form-error', 'data-role': 'form-error', role: 'alert', hidden: true}),
        el('div', {class: 'actions'}, el('button', {type: 'submit', class: 'button'}, 'Save the rating')));
    rateForm.addEventListener('submit', e => {
      e.preventDefault();
      act(rateForm, () => api.post('/api/goals/' + id + '/ratings', {rating: Number(rateForm.rating.value)}),
          'Rating saved.');
    });
    // Revise the wording and date.
    const reviseForm = el('form', {class: 'revise', novalidate: true},
        el('div', {class: 'field'}, el('label', {for: 'revise-' + id}, 'Goal in your words'),
            el('textarea', {id: 'revise-' + id, name: 'description', 'data-field': 'description', maxlength: '500'},
                goal.description)),
        el('div', {class: 'field'}, el('label', {for: 'revise-date-' + id}, 'By when (optional)'),
            el('input', {type: 'date', id: 'revise-date-' + id, name: 'targetDate', 'data-field': 'targetDate',
              value: goal.targetDate || null})),
        el('p', {class: 'form-error', 'data-role': 'form-error', role: 'alert', hidden: true}),
        el('div', {class: 'actions'}, el('button', {type: 'submit', class: 'button secondary'}, 'Save the goal')));
    reviseForm.addEventListener('submit', e => {
      e.preventDefault();
      act(reviseForm, () => api.put('/api/goals/' + id, {description: reviseForm.description.value,
        targetDate: reviseForm.targetDate.value || null}), 'Goal saved.');
    });
    // Close it.
    const closeForm = el('form', {class: 'close', novalidate: true},
        el('fieldset', {class: 'field'}, el('legend', {class: 'label'}, 'Close this goal'),
            el('div', {class: 'actions'},
                el('button', {type: 'submit', class: 'button secondary', name: 'closure', value: 'achieved'},
                    'I achieved it'),
                el('button', {type: 'submit', class: 'button secondary', name: 'closure', value: 'no-longer-relevant'},
                    'It is no longer relevant'))),
        el('p', {class: 'form-error', 'data-role': 'form-error', role: 'alert', hidden: true}));
    closeForm.addEventListener('submit', e => {
      e.preventDefault();
      const closure = e.submitter ? e.submitter.value : 'achieved';
      act(closeForm, () => api.post('/api/goals/' + id + '/closure', {closure: closure}), 'Goal closed.');
    });
    item.append(rateForm, el('details', {}, el('summary', {}, 'Change or close this goal'), reviseForm, closeForm));
    return item;
  }

  /** Runs a change, then shows the page again with it; a problem next to the form's fields. */
  async function act(form, change, done) {
    const buttons = form.querySelectorAll('button');
    buttons.forEach(b => { b.disabled = true; });
    try {
      await change();
      await showHome();
      status(done);
    } catch (e) {
      api.showProblem(form, e);
    } finally {
      buttons.forEach(b => { b.disabled = false; });
    }
  }

  $('new-goal').addEventListener('submit', e => {
    e.preventDefault();
    const form = e.target;
    act(form, () => api.post('/api/goals', {interventionId: form.interventionId.value,
      description: form.description.value, targetDate: form.targetDate.value || null}), 'Goal set.')
        .then(() => { if (!form.querySelector('[aria-invalid]')) { form.reset(); } });
  });

  // ---- reminders ------------------------------------------------------------------------------------------------

  /** The reminder setting, or {unavailable: true} where the service does not offer reminders yet. */
  async function reminderStatus() {
    try {
      return await api.get('/api/reminders/me');
    } catch (e) {
      if (e.status === 404 || e.status === 501) {
        return {unavailable: true};
      }
      return {error: e.message};
    }
  }

  function renderReminders(r) {
    const box = $('reminders');
    box.replaceChildren();
    if (r.unavailable || r.error) {
      box.append(el('p', {class: 'hint', id: 'reminders-unavailable'}, r.error
          ? 'Your reminder setting could not be read: ' + r.error
          : 'E-mail reminders are not available yet.'));
      return;
    }
    box.append(el('p', {id: 'reminder-status'}, r.optedIn
        ? 'You get an e-mail when a questionnaire is due, at ' + r.email + '.'
        : 'You get no e-mail reminders.'));
    const form = el('form', {id: 'reminder-form', novalidate: true},
        el('div', {class: 'field'}, el('label', {for: 'reminder-email'}, r.optedIn ? 'Send them to another address'
            : 'Your e-mail address for reminders'),
            el('input', {type: 'email', id: 'reminder-email', name: 'email', 'data-field': 'email', autocomplete: 'email'})),
        el('p', {class: 'form-error', 'data-role': 'form-error', role: 'alert', hidden: true}),
        el('div', {class: 'actions'}, el('button', {type: 'submit', class: 'button'},
            r.optedIn ? 'Change the address' : 'Send me reminders'),
            r.optedIn ? el('button', {type: 'button', class: 'button secondary', id: 'reminder-stop',
              onclick: () => act(form, () => api.del('/api/reminders/me'), 'Reminders stopped.')}, 'Stop reminders')
                : null));
    form.addEventListener('submit', e => {
      e.preventDefault();
      act(form, () => api.put('/api/reminders/me', {email: form.email.value}), 'Reminders on.');
    });
    box.append(form);
  }

  // ---- answering a questionnaire ------------------------------------------------------------------------------

  const answering = {assessment: null, definition: null, current: 0};

  async function showAssessment(assessmentId) {
    status('Loading the questionnaire…');
    const assessment = await api.get('/api/assessments/' + encodeURIComponent(assessmentId));
    if (assessment.status === 'completed') {
      window.location.replace('#result/' + assessmentId);
      return;
    }
    if (assessment.status !== 'started') {
      show('home');
      status('This questionnaire has expired; start it again from your page.', true);
      loaded('true');
      return;
    }
    const d = await definition(assessment.instrumentId);
    answering.assessment = assessment;
    answering.definition = d;
    const answers = assessment.answers || {};
    const firstOpen = d.items.findIndex(item => answers[item.id] === undefined);
    answering.current = firstOpen < 0 ? d.items.length - 1 : firstOpen;
    show('assessment');
    $('assessment-title').textContent = d.title;
    $('assessment-intro').textContent = [d.instructions, d.stem].filter(Boolean).join(' ');
    const questions = $('questions');
    questions.replaceChildren();
    d.items.forEach((item, index) => questions.append(question(item, index, d.items.length, answers[item.id])));
    api.clearProblem($('assessment-form'));
    $('saved').textContent = Object.keys(answers).length ? 'Your earlier answers are filled in.' : '';
    layout();
    status('');
    loaded('true');
    focusTitle('assessment-title');
  }

  function question(item, index, count, answer) {
    const name = 'q-' + item.id;
    return el('fieldset', {class: 'question', id: 'question-' + item.id, dataset: {item: item.id, index: String(index)}},
        el('legend', {}, el('span', {class: 'number'}, (index + 1) + ' of ' + count + '.'), item.text,
            item.scored ? null : el('span', {class: 'optional'}, ' (optional)')),
        el('div', {class: 'options'}, item.options.map(o => el('label', {},
            el('input', {type: 'radio', name: name, value: String(o.value), checked: answer === o.value,
              onchange: () => saveAnswer(item.id, o.value)}),
            el('span', {}, o.label)))));
  }

  /** Phone: one question at a time; wider: all of them. */
  function layout() {
    if (!answering.definition) {
      return;
    }
    const one = phone.matches;
    const count = answering.definition.items.length;
    document.querySelectorAll('#questions .question').forEach((q, i) => { q.hidden = one && i !== answering.current; });
    $('stepper').hidden = !one;
    const last = answering.current === count - 1;
    $('submit-row').hidden = one && !last;
    $('next').hidden = last;
    $('previous').disabled = answering.current === 0;
    $('progress-text').textContent = 'Question ' + (answering.current + 1) + ' of ' + count;
    document.body.dataset.layout = one ? 'one-at-a-time' : 'all';
  }

  function go(step) {
    const count = answering.definition.items.length;
    answering.current = Math.max(0, Math.min(count - 1, answering.current + step));
    layout();
    const radio = document.querySelectorAll('#questions .question')[answering.current].querySelector('input:checked')
        || document.querySelectorAll('#questions .question')[answering.current].querySelector('input');
    radio.focus();
  }

  $('next').addEventListener('click', () => go(1));
  $('previous').addEventListener('click', () => go(-1));
  phone.addEventListener('change', layout);

  let saving = Promise.resolve();

  function saveAnswer(itemId, value) {
    const assessmentId = answering.assessment.assessmentId;
    document.getElementById('question-' + itemId).classList.remove('unanswered');
    $('saved').textContent = 'Saving…';
    saving = saving.then(() => api.put('/api/assessments/' + assessmentId + '/answers', {answers: {[itemId]: value}}))
        .then(() => { $('saved').textContent = 'Answer saved.'; })
        .catch(e => { $('saved').textContent = 'Your answer was not saved: ' + e.message; });
    if (phone.matches && answering.current < answering.definition.items.length - 1) {
      setTimeout(() => go(1), 250);
    }
  }

  $('assessment-form').addEventListener('submit', async e => {
    e.preventDefault();
    const form = e.target;
    const missing = answering.definition.items.filter(item => item.scored
        && !form.querySelector('input[name="q-' + item.id + '"]:checked'));
    document.querySelectorAll('#questions .question').forEach(q => q.classList.remove('unanswered'));
    if (missing.length) {
      missing.forEach(item => document.getElementById('question-' + item.id).classList.add('unanswered'));
      api.showProblem(form, new Error('Please answer ' + (missing.length === 1 ? 'question ' : 'questions ')
          + missing.map(item => answering.definition.items.indexOf(item) + 1).join(', ') + ' first.'));
      answering.current = answering.definition.items.indexOf(missing[0]);
      layout();
      document.querySelector('#question-' + missing[0].id + ' input').focus();
      return;
    }
    $('submit').disabled = true;
    try {
      await saving;
      state.lastSubmission = await api.post('/api/assessments/' + answering.assessment.assessmentId + '/submission');
      window.location.hash = '#result/' + answering.assessment.assessmentId;
    } catch (error) {
      api.showProblem(form, error);
    } finally {
      $('submit').disabled = false;
    }
  });

  // ---- a result -------------------------------------------------------------------------------------------------

  async function showResult(assessmentId) {
    status('Loading your result…');
    const submitted = state.lastSubmission && state.lastSubmission.assessmentId === assessmentId
        ? state.lastSubmission : null;
    const result = submitted || await api.get('/api/assessments/' + encodeURIComponent(assessmentId));
    if (result.status !== 'completed') {
      window.location.replace('#assessment/' + assessmentId);
      return;
    }
    const name = title(result.instrumentId);
    show('result');
    $('result-title').textContent = 'Your ' + name + ' result';
    const box = $('result');
    box.replaceChildren();
    const steps = result.nextSteps || [];
    if (result.safety && result.safety.concernRaised) {
      const alerted = steps.some(s => s.action === 'practitioner-review');
      box.append(el('section', {class: 'callout alert', id: 'signposting', role: 'alert', 'aria-labelledby': 'h-support'},
          el('h2', {id: 'h-support'}, 'Please look after yourself: support is there now'),
          el('p', {}, 'One of your answers says you have had thoughts of being better off dead or of hurting yourself. '
              + 'You are not alone, and help is available right now.'),
          el('p', {class: 'signposting'}, result.safety.signposting),
          el('p', {}, alerted || !submitted
              ? 'Your practitioner has been told and will be in touch with you soon.'
              : 'Please talk to someone you trust, or contact one of the services above.')));
    }
    box.append(el('section', {class: 'card', 'aria-labelledby': 'h-score'},
        el('h2', {id: 'h-score'}, 'Your score'),
        el('p', {class: 'result-score'}, el('strong', {}, String(result.score)),
            ' out of ' + result.scoreRange.max + ': ', el('span', {class: 'band', dataset: {band: result.band.code}},
                result.band.label)),
        el('p', {}, bandSentence(result)),
        el('p', {class: 'hint'}, 'Taken ' + J.dateTime(result.completedAt) + '. A questionnaire is not a diagnosis; '
            + 'it helps you and your practitioner see how things are and how they change.')));
    const follow = steps.filter(s => s.action === 'take-assessment');
    const actions = el('div', {class: 'actions'},
        follow.map(s => el('button', {type: 'button', class: 'button', onclick: e => start(s.instrumentId, e.target)},
            'Next: the ' + title(s.instrumentId))),
        el('a', {class: 'button' + (follow.length ? ' secondary' : ''), href: '#home-plan'},
            result.safety && result.safety.concernRaised ? 'See what happens next' : 'See your recommendations'),
        el('a', {class: 'button secondary', href: '#home'}, 'Back to your page'));
    box.append(actions);
    status('');
    loaded('true');
    focusTitle('result-title');
  }

  function bandSentence(result) {
    const band = result.band.label.toLowerCase();
    return 'Your answers put you in the “' + band + '” range of the ' + title(result.instrumentId)
        + ' (' + result.scoreRange.min + ' to ' + result.scoreRange.max + ').';
  }

  function focusTitle(id) {
    const heading = $(id);
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }

  // ---- start --------------------------------------------------------------------------------------------------

  $('csrf').value = api.csrfToken();
  window.addEventListener('hashchange', route);
  window.addEventListener('resize', () => state.charts.forEach(c => c.resize()));
  route();
})();

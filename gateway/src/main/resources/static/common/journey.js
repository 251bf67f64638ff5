/*
 * What both pages show of a journey (progress-service's GET /api/journeys/me and /api/journeys/{participantId}):
 * words for the API's codes, and per instrument a chart of the scores over time with the instrument's bands shaded,
 * reliable change marked and the care plan's adjustments as vertical lines, each chart with a table of the same
 * values beside it (the chart is hidden from screen readers; the table and a sentence say everything it shows).
 */
(function () {
  'use strict';

  /*
   * Each instrument's bands, lowest first, as GET /api/instruments gives them (from the instrument's definition, the
   * one place they are written): [min, max, code, label]. The pages hand the list over with useInstruments.
   */
  const BANDS = {};

  function useInstruments(instruments) {
    (instruments || []).forEach(i => {
      BANDS[i.id] = (i.bands || []).map(b => [b.min, b.max, b.code, b.label]);
    });
  }

  /** Light shades from calm to strong; every band is also named on the chart and in the table. */
  const SHADES = ['#ecfdf5', '#f0f9ff', '#fefce8', '#fff7ed', '#fef2f2'];

  const WORDS = {
    classification: {
      'reliable-improvement': 'Reliable improvement',
      'no-reliable-change': 'No reliable change',
      'reliable-deterioration': 'Reliable deterioration',
      'not-classified': 'Not classified'
    },
    change: {
      'step-up': 'Stepped up', 'step-down': 'Stepped down', 'add': 'Added', 'switch': 'Switched', 'stop': 'Stopped'
    },
    reason: {
      'no-reliable-improvement': 'No reliable improvement', 'reliable-deterioration': 'Reliable deterioration',
      'participant-preference': 'Participant’s preference', 'completed': 'Completed', 'not-engaging': 'Not engaging',
      'other': 'Other reason'
    },
    due: {upcoming: 'Upcoming', due: 'Due now', overdue: 'Overdue'}
  };

  function word(kind, code) {
    return (WORDS[kind] && WORDS[kind][code]) || (code ? String(code).replace(/-/g, ' ') : '');
  }

  function bandLabel(instrumentId, code) {
    const band = (BANDS[instrumentId] || []).find(b => b[2] === code);
    return band ? band[3] : (code ? code.replace(/-/g, ' ') : '');
  }

  /** "PHQ-9" from "Patient Health Questionnaire-9 (PHQ-9)"; the id in capitals when no title is known. */
  function shortTitle(instrumentId, titles) {
    const title = titles && titles[instrumentId];
    const m = title && /\(([^)]+)\)\s*$/.exec(title);
    return m ? m[1] : instrumentId.toUpperCase();
  }

  const dateFormat = new Intl.DateTimeFormat('en-GB', {day: 'numeric', month: 'short', year: 'numeric'});
  const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {day: 'numeric', month: 'short', hour: '2-digit',
    minute: '2-digit'});

  function date(iso) {
    return iso ? dateFormat.format(new Date(iso)) : '';
  }

  function dateTime(iso) {
    return iso ? dateTimeFormat.format(new Date(iso)) : '';
  }

  /** Builds an element: el('p', {class: 'hint'}, 'text', child, …). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([key, value]) => {
      if (value === null || value === undefined || value === false) {
        return;
      }
      if (key === 'class') {
        node.className = value;
      } else if (key.startsWith('on')) {
        node.addEventListener(key.substring(2), value);
      } else if (key === 'dataset') {
        Object.assign(node.dataset, value);
      } else {
        node.setAttribute(key, value === true ? '' : value);
      }
    });
    children.flat().forEach(child => {
      if (child !== null && child !== undefined && child !== false) {
        node.append(child instanceof Node ? child : String(child));
      }
    });
    return node;
  }

  /**
   * The vertical lines: each plan adjustment, from the care plan (which names the intervention) when it was read,
   * else from the journey's plan episodes (each begun by an adjustment).
   */
  function planMarkers(journey, carePlan) {
    const names = {};
    ((journey && journey.plan && journey.plan.interventions) || []).forEach(i => { names[i.interventionId] = i.interventionName; });
    ((carePlan && carePlan.interventions) || []).forEach(i => { names[i.interventionId] = i.name; });
    const adjustments = (carePlan && carePlan.adjustments) || [];
    if (adjustments.length) {
      return adjustments.map(a => ({
        time: a.adjustedAt, change: a.change, reason: a.reason,
        label: word('change', a.change) + (a.interventionId ? ' ' + (names[a.interventionId] || a.interventionId) : '')
      }));
    }
    const episodes = (journey && journey.plan && journey.plan.episodes) || [];
    return episodes.filter(e => e.change).map(e => ({time: e.startedAt, change: e.change, reason: e.reason,
      label: word('change', e.change) + (e.level ? ' (' + e.level.replace(/-/g, ' ') + ')' : '')}));
  }

  function changeSentence(history, title) {
    const first = history.first;
    const latest = history.latest;
    if (!latest) {
      return '';
    }
    const id = history.instrumentId;
    if (history.results.length < 2) {
      return title + ': one result so far, ' + latest.totalScore + ' (' + bandLabel(id, latest.band) + ').';
    }
    return title + ': from ' + first.totalScore + ' (' + bandLabel(id, first.band) + ') on ' + date(first.time) + ' to '
        + latest.totalScore + ' (' + bandLabel(id, latest.band) + ') on ' + date(latest.time) + '. '
        + word('classification', history.classification) + '.';
  }

  /**
   * One card per instrument in the journey, into container: a sentence, the chart and a table of the results.
   * Returns the echarts instances (to resize).
   */
  function renderCharts(container, journey, carePlan, titles) {
    container.replaceChildren();
    const charts = [];
    const histories = (journey && journey.assessments) || [];
    if (!histories.length) {
      container.append(el('p', {class: 'hint'}, 'No results yet: they appear here after the first questionnaire.'));
      return charts;
    }
    const markers = planMarkers(journey, carePlan);
    histories.forEach(history => {
      const id = history.instrumentId;
      const title = shortTitle(id, titles);
      const headingId = 'chart-h-' + id + '-' + Math.random().toString(36).slice(2, 7);
      const chartBox = el('div', {class: 'chart', 'aria-hidden': 'true', dataset: {instrument: id}});
      const classification = history.results.length > 1 ? el('span', {
        class: 'tag ' + (history.classification === 'reliable-improvement' ? 'ok'
            : history.classification === 'reliable-deterioration' ? 'alert' : 'info'),
        dataset: {classification: history.classification}
      }, word('classification', history.classification)) : null;
      const card = el('section', {class: 'card journey-chart', 'aria-labelledby': headingId, dataset: {instrument: id}},
          el('h3', {id: headingId}, title + ' ', classification),
          el('p', {class: 'summary'}, changeSentence(history, title)),
          chartBox,
          resultsTable(history, title, markers));
      container.append(card);
      if (window.echarts) {
        const chart = window.echarts.init(chartBox, null, {renderer: 'svg'});
        chart.setOption(chartOption(history, markers));
        charts.push(chart);
      }
    });
    return charts;
  }

  function resultsTable(history, title, markers) {
    const rows = history.results.map(r => el('tr', {},
        el('td', {}, date(r.time)), el('td', {}, String(r.totalScore)),
        el('td', {}, bandLabel(history.instrumentId, r.band))));
    const planRows = markers.length ? el('p', {class: 'hint'}, 'Plan changes: '
        + markers.map(m => m.label + ' on ' + date(m.time)).join('; ') + '.') : null;
    return el('details', {}, el('summary', {}, 'Table of the ' + title + ' results'),
        el('div', {class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': title + ' results'}, el('table', {},
            el('caption', {}, title + ' results, oldest first'),
            el('thead', {}, el('tr', {}, el('th', {scope: 'col'}, 'Date'), el('th', {scope: 'col'}, 'Score'),
                el('th', {scope: 'col'}, 'Band'))),
            el('tbody', {}, rows))), planRows);
  }

  function chartOption(history, markers) {
    const id = history.instrumentId;
    const range = (history.latest && history.latest.scoreRange) || {min: 0, max: 27};
    const bands = BANDS[id] || [];
    const data = history.results.map(r => [r.time, r.totalScore]);
    const times = history.results.map(r => Date.parse(r.time)).concat(markers.map(m => Date.parse(m.time)));
    const span = Math.max(...times) - Math.min(...times);
    const pad = Math.max(span * 0.08, 36e5 * 12);
    const reliable = history.results.length > 1 && history.classification !== 'not-classified';
    return {
      animation: false,
      grid: {left: 40, right: 16, top: 24, bottom: 36, containLabel: false},
      xAxis: {type: 'time', min: Math.min(...times) - pad, max: Math.max(...times) + pad,
        axisLabel: {color: '#374151', hideOverlap: true}},
      yAxis: {type: 'value', min: range.min, max: range.max, axisLabel: {color: '#374151'},
        splitLine: {lineStyle: {color: '#e5e7eb'}}},
      tooltip: {trigger: 'axis'},
      series: [{
        type: 'line', name: 'Score', data: data, symbolSize: 9, lineStyle: {width: 3, color: '#1d4ed8'},
        itemStyle: {color: '#1d4ed8'},
        label: {show: true, position: 'top', color: '#111827', fontWeight: 'bold'},
        markArea: {
          silent: true,
          data: bands.map((b, i) => [{
            yAxis: Math.max(range.min, b[0] - 0.5), name: b[3],
            itemStyle: {color: SHADES[Math.round(i * (SHADES.length - 1) / Math.max(bands.length - 1, 1))]},
            label: {position: 'insideLeft', color: '#4b5563', fontSize: 11}
          }, {yAxis: Math.min(range.max, b[1] + 0.5)}])
        },
        markLine: {
          silent: true, symbol: 'none',
          lineStyle: {color: '#7c2d12', type: 'dashed', width: 2},
          label: {formatter: p => p.name, color: '#7c2d12', position: 'insideEndTop', fontSize: 11},
          data: markers.map(m => ({xAxis: m.time, name: 'Plan: ' + m.label}))
        },
        markPoint: reliable ? {
          symbol: 'pin', symbolSize: 40, symbolOffset: [22, -8],
          itemStyle: {color: history.classification === 'reliable-improvement' ? '#15803d'
              : history.classification === 'reliable-deterioration' ? '#b91c1c' : '#6b7280'},
          label: {color: '#fff', fontSize: 10, formatter: () =>
              history.classification === 'reliable-improvement' ? '▼ RC' : history.classification
                  === 'reliable-deterioration' ? '▲ RC' : '–'},
          data: [{coord: [history.latest.time, history.latest.totalScore],
            name: word('classification', history.classification)}]
        } : undefined
      }]
    };
  }

  window.TendJourney = {
    renderCharts: renderCharts, useInstruments: useInstruments, word: word, bandLabel: bandLabel,
    shortTitle: shortTitle, date: date,
    dateTime: dateTime, el: el, planMarkers: planMarkers
  };
})();

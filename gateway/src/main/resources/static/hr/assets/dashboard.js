/*
 * The HR dashboard: pickers, tables (the figures themselves, readable without colour or charts), charts (echarts,
 * patterns as well as colours) and the CSV of exactly what the tables show. Data comes through TendInsights
 * (insights-api.js) only.
 */
(function () {
  'use strict';

  const api = window.TendInsights;
  const $ = id => document.getElementById(id);
  const state = {programmes: [], programme: null, k: 10, shown: [], charts: {}};
  let tipCounter = 0;

  // ---- values -------------------------------------------------------------------------------------------------

  function isWithheld(v) {
    return v && v.status === 'withheld';
  }

  /** What the page shows for a value: text, and for a withheld one why. */
  function display(v, unit) {
    if (v === null || v === undefined) {
      return {text: '—', withheld: false};
    }
    if (isWithheld(v)) {
      const short = v.rule === 'threshold' ? 'fewer than ' + state.k + ' people'
          : 'withheld to protect a small group';
      const mark = v.rule === 'threshold' ? 'Withheld: ' + short : 'Withheld to protect a small group';
      return {text: 'withheld', short: short, mark: mark, rule: v.rule, explanation: v.explanation || short,
        withheld: true};
    }
    const number = Number(v.value);
    const text = (v.noisy ? '≈ ' : '') + number.toLocaleString('en-GB') + (unit || '');
    return {text: text, number: number, withheld: false};
  }

  function numberOf(v) {
    return v && v.status === 'released' ? Number(v.value) : null;
  }

  // ---- tables -------------------------------------------------------------------------------------------------

  function cell(row, value) {
    const td = document.createElement('td');
    if (value.withheld) {
      td.className = 'withheld';
      const mark = document.createElement('span');
      mark.className = 'mark';
      mark.tabIndex = 0;
      const id = 'tip-' + (++tipCounter);
      mark.setAttribute('aria-describedby', id);
      mark.textContent = value.mark;
      const tip = document.createElement('span');
      tip.className = 'tip';
      tip.id = id;
      tip.setAttribute('role', 'tooltip');
      tip.textContent = value.explanation + ' (rule: ' + value.rule + ')';
      td.append(mark, tip);
    } else {
      td.textContent = value.text;
      if (value.number !== undefined) {
        td.className = 'num';
      }
    }
    row.appendChild(td);
  }

  /**
   * A table with a caption, column heads and rows of [label, value...]; each shown value is also recorded for the CSV.
   */
  function table(target, section, caption, heads, rows) {
    target.replaceChildren();
    const cap = document.createElement('caption');
    cap.textContent = caption;
    const thead = document.createElement('thead');
    const headRow = document.createElement('tr');
    heads.forEach(h => {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = h;
      headRow.appendChild(th);
    });
    thead.appendChild(headRow);
    const tbody = document.createElement('tbody');
    rows.forEach(r => {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = r[0];
      tr.appendChild(th);
      r.slice(1).forEach((value, i) => {
        cell(tr, value);
        state.shown.push({section: section, table: caption, row: r[0], column: heads[i + 1], value: value});
      });
      tbody.appendChild(tr);
    });
    target.append(cap, thead, tbody);
  }

  function newTable(container) {
    const wrap = document.createElement('div');
    wrap.className = 'table-wrap';
    const t = document.createElement('table');
    wrap.appendChild(t);
    container.appendChild(wrap);
    return t;
  }

  function label(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  // ---- charts -------------------------------------------------------------------------------------------------

  function chart(id, option) {
    const element = $(id);
    if (!window.echarts || !element) {
      return;
    }
    let instance = state.charts[id];
    if (!instance) {
      instance = window.echarts.init(element, null, {renderer: 'svg'});
      state.charts[id] = instance;
    }
    instance.setOption(Object.assign({
      aria: {enabled: true, decal: {show: true}},
      animation: false,
      textStyle: {fontFamily: 'system-ui, sans-serif'},
      grid: {left: 8, right: 16, top: 36, bottom: 8, containLabel: true},
      tooltip: {trigger: 'axis'}
    }, option), true);
  }

  /** A bar's data item: the number, or no bar with the word "withheld" where the value is withheld. */
  function bar(v) {
    const n = numberOf(v);
    return n === null
        ? {value: 0, label: {show: true, formatter: isWithheld(v) ? 'withheld' : '—', color: '#5b2c00'},
          itemStyle: {opacity: 0}}
        : {value: n, label: {show: true, position: 'right'}};
  }

  // ---- sections -----------------------------------------------------------------------------------------------

  function byGroup(figures, group) {
    return figures.filter(f => f.group === group);
  }

  function mainValue(f) {
    switch (f.kind) {
      case 'count': return display(f.participants);
      case 'sum': return f.total ? display(f.total) : display(f.mean);
      case 'rate': return display(f.percent, ' %');
      default: return display(f.participants);
    }
  }

  function engagement(figures) {
    const rows = [];
    figures.filter(f => f.group === 'uptake' || f.group === 'engagement').forEach(f => {
      if (f.measure === 'enrolled') {
        rows.push(['Enrolled in the period', display(f.participants), display(null)]);
        if (f.enrolledToDate) {
          rows.push(['Enrolled to date', display(f.enrolledToDate), display(null)]);
        }
        if (f.eligibleHeadcount) {
          rows.push(['Uptake (of ' + f.eligibleHeadcount + ' eligible)', display(f.percent, ' %'), display(null)]);
        }
      } else {
        rows.push([label(f.label), mainValue(f), f.kind === 'count' ? display(null) : display(f.participants)]);
      }
    });
    table($('t-engagement'), 'Uptake and engagement', 'Uptake and engagement', ['Figure', 'Value', 'People'], rows);
    const counted = rows.filter(r => !String(r[1].text).includes('%') && r[0].indexOf('Uptake') !== 0);
    chart('chart-engagement', {
      title: {text: 'People and activity', textStyle: {fontSize: 14}},
      xAxis: {type: 'value'},
      yAxis: {type: 'category', inverse: true, data: counted.map(r => r[0]), axisLabel: {width: 150, overflow: 'truncate'}},
      series: [{type: 'bar', data: counted.map(r => r[1].withheld ? {value: 0, label: {show: true, formatter: 'withheld'},
            itemStyle: {opacity: 0}} : {value: r[1].number || 0, label: {show: true, position: 'right'}})}]
    });
  }

  function bands(figures) {
    const container = $('t-bands');
    container.replaceChildren();
    const distributions = figures.filter(f => f.kind === 'distribution');
    const wellbeing = byGroup(figures, 'wellbeing').filter(f => f.kind !== 'distribution');
    if (wellbeing.length) {
      table(newTable(container), 'Wellbeing', 'Wellbeing', ['Figure', 'Value', 'People'],
          wellbeing.map(f => [label(f.label), mainValue(f), display(f.participants)]));
    }
    distributions.forEach(f => {
      const rows = (f.cells || []).map(c => [label(c.category), display(c.count), display(c.percent, ' %')]);
      rows.push(['Total', display(f.participants), display(null)]);
      table(newTable(container), 'Wellbeing', label(f.label), ['Band', 'People', 'Share'], rows);
    });
    const phq = distributions.filter(f => /^phq9-bands/.test(f.measure));
    const shown = phq.length ? phq : distributions.slice(0, 2);
    const categories = shown.length ? (shown[0].cells || []).map(c => c.category) : [];
    chart('chart-bands', {
      title: {text: shown.length ? (phq.length ? 'PHQ-9 bands, share of people' : 'Bands, share of people') : 'No bands yet',
        textStyle: {fontSize: 14}},
      legend: {bottom: 0},
      grid: {left: 8, right: 16, top: 36, bottom: 32, containLabel: true},
      xAxis: {type: 'category', data: categories, axisLabel: {interval: 0, rotate: categories.length > 4 ? 30 : 0}},
      yAxis: {type: 'value', axisLabel: {formatter: '{value} %'}},
      series: shown.map(f => ({
        name: /entry/.test(f.measure) ? 'At entry' : 'Latest', type: 'bar',
        data: (f.cells || []).map(c => {
          const b = bar(c.percent);
          if (b.label.position) {
            b.label.position = 'top';
          }
          return b;
        })
      }))
    });
  }

  function outcomes(figures) {
    const rates = byGroup(figures, 'outcomes');
    table($('t-outcomes'), 'Outcomes', 'Outcomes', ['Figure', 'Value', 'Of people'],
        rates.map(f => [label(f.label), mainValue(f), display(f.participants)]));
    const shown = rates.filter(f => f.kind === 'rate');
    chart('chart-outcomes', {
      title: {text: 'Outcome rates', textStyle: {fontSize: 14}},
      xAxis: {type: 'value', max: 100, axisLabel: {formatter: '{value} %'}},
      yAxis: {type: 'category', inverse: true, data: shown.map(f => label(f.measure.replace(/-/g, ' ')))},
      series: [{type: 'bar', data: shown.map(f => bar(f.percent))}]
    });
  }

  function interventions(figures) {
    const chosen = byGroup(figures, 'interventions').filter(f => /^chosen-/.test(f.measure));
    const recommended = {};
    byGroup(figures, 'interventions').filter(f => /^recommended-chosen-/.test(f.measure))
        .forEach(f => { recommended[f.measure.replace(/^recommended-/, '')] = f; });
    const name = f => f.intervention && f.intervention.name ? f.intervention.name : f.measure.replace(/^chosen-/, '');
    table($('t-interventions'), 'Interventions', 'Interventions chosen',
        ['Intervention', 'Approach', 'People who chose it', 'Chose it when recommended'],
        chosen.map(f => [name(f),
          {text: f.intervention && f.intervention.approach ? f.intervention.approach : '—', withheld: false},
          display(f.participants),
          recommended[f.measure] ? display(recommended[f.measure].percent, ' %') : display(null)]));
    chart('chart-interventions', {
      title: {text: 'People who chose each intervention', textStyle: {fontSize: 14}},
      xAxis: {type: 'value'},
      yAxis: {type: 'category', inverse: true, data: chosen.map(name), axisLabel: {width: 150, overflow: 'truncate'}},
      series: [{type: 'bar', data: chosen.map(f => bar(f.participants))}]
    });
  }

  async function trend(programme, cohort, periodId) {
    const months = programme.periods.filter(p => p.kind === 'month').map(p => p.id).sort();
    const last = periodId && /^\d{4}-\d{2}$/.test(periodId) ? months.indexOf(periodId) : months.length - 1;
    const span = months.slice(Math.max(0, last - 5), last + 1);
    const points = await Promise.all(span.map(async month => {
      const figures = await api.figures(programme.id, cohort, month);
      const who5 = figures.find(f => f.measure === 'who5-mean');
      return {month: month, mean: who5 ? who5.mean : null, people: who5 ? who5.participants : null};
    }));
    const monthLabel = id => (programme.periods.find(p => p.id === id) || {label: id}).label;
    table($('t-trend'), 'WHO-5 by month', 'Mean WHO-5 wellbeing score (percentage) by month',
        ['Month', 'Mean', 'People'], points.map(p => [monthLabel(p.month), display(p.mean), display(p.people)]));
    chart('chart-trend', {
      title: {text: 'Mean WHO-5 (0–100)', textStyle: {fontSize: 14}},
      xAxis: {type: 'category', data: points.map(p => monthLabel(p.month))},
      yAxis: {type: 'value', min: 0, max: 100},
      series: [{type: 'line', connectNulls: false, symbol: 'circle', symbolSize: 8,
        data: points.map(p => numberOf(p.mean)), label: {show: true}}]
    });
  }

  // ---- CSV ----------------------------------------------------------------------------------------------------

  function csvField(text) {
    const s = String(text);
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  /** Exactly the values the tables show, one line each, with the rule and the reason for a withheld one. */
  function csv() {
    const programme = state.programme;
    const cohortSelect = $('cohort');
    const periodSelect = $('period');
    const scope = cohortSelect.value ? cohortSelect.options[cohortSelect.selectedIndex].text : 'Whole programme';
    const period = periodSelect.options[periodSelect.selectedIndex] ? periodSelect.options[periodSelect.selectedIndex].text : '';
    const lines = [['programme', 'department', 'period', 'section', 'table', 'row', 'column', 'shown', 'rule', 'reason']];
    state.shown.forEach(s => {
      lines.push([programme ? programme.name : '', scope, period, s.section, s.table, s.row, s.column,
        s.value.withheld ? s.value.mark : s.value.text,
        s.value.withheld ? s.value.rule : '', s.value.withheld ? s.value.explanation : '']);
    });
    return lines.map(l => l.map(csvField).join(',')).join('\r\n') + '\r\n';
  }

  function download() {
    const blob = new Blob([csv()], {type: 'text/csv;charset=utf-8'});
    const link = document.createElement('a');
    const period = $('period').value || 'figures';
    link.href = URL.createObjectURL(blob);
    link.download = 'tend-insights-' + (state.programme ? state.programme.id : 'programme') + '-'
        + ($('cohort').value || 'programme') + '-' + period + '.csv';
    document.body.appendChild(link);
    link.click();
    setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  // ---- pickers and loading ------------------------------------------------------------------------------------

  function options(select, items) {
    select.replaceChildren(...items.map(i => {
      const o = document.createElement('option');
      o.value = i.value;
      o.textContent = i.text;
      return o;
    }));
  }

  function status(text, isError) {
    const s = $('status');
    s.textContent = text;
    s.classList.toggle('error', !!isError);
  }

  function choose(programmeId) {
    const programme = state.programmes.find(p => p.id === programmeId) || state.programmes[0];
    state.programme = programme;
    state.k = programme.k;
    document.querySelectorAll('[data-k]').forEach(e => { e.textContent = String(programme.k); });
    options($('cohort'), [{value: '', text: 'Whole programme'}].concat(programme.cohorts.map(c => ({value: c, text: c}))));
    options($('period'), programme.periods.map(p => ({value: p.id, text: p.label})));
  }

  async function load() {
    const programme = state.programme;
    const cohort = $('cohort').value || null;
    const periodId = $('period').value;
    if (!programme || !periodId) {
      status('There are no figures yet: a programme shows figures once its first month has ended.');
      return;
    }
    status('Loading figures…');
    try {
      const figures = await api.figures(programme.id, cohort, periodId);
      state.shown = [];
      tipCounter = 0;
      $('figures').hidden = false;
      engagement(figures);
      bands(figures);
      outcomes(figures);
      // In the page's order, so that the CSV lists the values as the page shows them.
      await trend(programme, cohort, periodId);
      interventions(figures);
      Object.values(state.charts).forEach(c => c.resize());
      const withheld = state.shown.filter(s => s.value.withheld).length;
      status('Showing ' + (cohort || 'the whole programme') + ', ' + $('period').options[$('period').selectedIndex].text
          + (withheld ? '. ' + withheld + ' value' + (withheld === 1 ? ' is' : 's are') + ' withheld.' : '.'));
      document.body.dataset.loaded = 'true';
    } catch (e) {
      status('The figures could not be loaded: ' + e.message, true);
    }
  }

  async function start() {
    const csrf = $('csrf');
    if (csrf) {
      csrf.value = api.csrfToken();
    }
    $('download').addEventListener('click', download);
    $('programme').addEventListener('change', () => { choose($('programme').value); load(); });
    $('cohort').addEventListener('change', load);
    $('period').addEventListener('change', load);
    window.addEventListener('resize', () => Object.values(state.charts).forEach(c => c.resize()));
    try {
      state.programmes = await api.programmes();
    } catch (e) {
      status('The programmes could not be loaded: ' + e.message, true);
      return;
    }
    if (!state.programmes.length) {
      status('There is no programme of your organisation yet.');
      return;
    }
    options($('programme'), state.programmes.map(p => ({value: p.id, text: p.name})));
    choose(state.programmes[0].id);
    await load();
  }

  window.tendDashboard = {csv: csv};
  start();
})();

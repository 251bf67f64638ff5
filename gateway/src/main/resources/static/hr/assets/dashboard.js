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

  /** What the page shows for a value: text, and for a withheld one its rule and why. */
  function display(v, unit) {
    if (v === null || v === undefined) {
      return {text: '—', withheld: false};
    }
    if (isWithheld(v)) {
      const short = v.rule === 'threshold' ? 'fewer than ' + state.k + ' people' : 'withheld to protect a small group';
      const mark = v.rule === 'threshold' ? 'Withheld: ' + short : 'Withheld to protect a small group';
      return {text: 'withheld', short: short, mark: mark, rule: v.rule, explanation: v.explanation || short,
        withheld: true};
    }
    const number = Number(v.value);
    const text = (v.noisy ? '≈ ' : '') + number.toLocaleString('en-GB', {maximumFractionDigits: 3}) + (unit || '');
    return {text: text, number: number, withheld: false, noisy: !!v.noisy};
  }

  /** A figure's value as shown, with where it came from (measure and field), for the cell's data attributes. */
  function value(f, field, unit, period) {
    const v = field.indexOf('cells.') === 0 ? cellValue(f, field) : f[field];
    const shown = display(v, unit);
    if (v !== null && v !== undefined) {
      shown.measure = f.measure;
      shown.field = field;
      shown.period = period;
    }
    return shown;
  }

  function cellValue(f, field) {
    const parts = /^cells\.(.*)\.(count|percent)$/.exec(field);
    const c = (f.cells || []).find(x => x.category === parts[1]);
    return c ? c[parts[2]] : null;
  }

  function numberOf(v) {
    return v && v.status === 'released' ? Number(v.value) : null;
  }

  /** The API's label with a capital; for a chart's axis, only up to the first bracket or comma. */
  function label(text) {
    return text ? text.charAt(0).toUpperCase() + text.slice(1) : '';
  }

  function shortLabel(text) {
    return label(String(text).split(/ \(|, /)[0]);
  }

  // ---- tables -------------------------------------------------------------------------------------------------

  function cell(row, v) {
    const td = document.createElement('td');
    if (v.measure) {
      td.dataset.measure = v.measure;
      td.dataset.field = v.field;
      if (v.period) {
        td.dataset.period = v.period;
      }
    }
    if (v.withheld) {
      td.className = 'withheld';
      td.dataset.rule = v.rule;
      const mark = document.createElement('span');
      mark.className = 'mark';
      mark.tabIndex = 0;
      const id = 'tip-' + (++tipCounter);
      mark.setAttribute('aria-describedby', id);
      mark.textContent = v.mark;
      const tip = document.createElement('span');
      tip.className = 'tip';
      tip.id = id;
      tip.setAttribute('role', 'tooltip');
      tip.textContent = v.explanation + ' (rule: ' + v.rule + ')';
      td.append(mark, tip);
    } else {
      td.textContent = v.text;
      if (v.number !== undefined) {
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
      r.slice(1).forEach((v, i) => {
        cell(tr, v);
        state.shown.push({section: section, table: caption, row: r[0], column: heads[i + 1], value: v});
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

  // ---- charts -------------------------------------------------------------------------------------------------

  const WITHHELD_LABEL = {show: true, formatter: 'withheld', color: '#5b2c00', fontStyle: 'italic', opacity: 1,
    backgroundColor: '#fff4e5', borderColor: '#5b2c00', borderWidth: 1, padding: [3, 6], borderRadius: 3};

  function chart(id, option, rows) {
    const element = $(id);
    if (!window.echarts || !element) {
      return;
    }
    // A bar per row: room for each (and its wrapped label) rather than squeezing many into the default height.
    element.style.height = rows ? Math.max(220, 60 + rows * 34) + 'px' : '';
    let instance = state.charts[id];
    if (!instance) {
      instance = window.echarts.init(element, null, {renderer: 'svg'});
      state.charts[id] = instance;
    }
    instance.setOption(Object.assign({
      aria: {enabled: true, decal: {show: true}},
      animation: false,
      textStyle: {fontFamily: 'system-ui, sans-serif'},
      grid: {left: 8, right: 56, top: 36, bottom: 8, containLabel: true},
      tooltip: {trigger: 'axis'}
    }, option), true);
  }

  /** A category axis whose long labels wrap inside the chart rather than being clipped at its edge. */
  function labelWidth() {
    return window.innerWidth < 640 ? 110 : 220;
  }

  function categoryAxis(names) {
    return {type: 'category', inverse: true, data: names,
      axisLabel: {width: labelWidth(), overflow: 'break', lineHeight: 14, interval: 0}};
  }

  /**
   * Room on the left for the wrapped labels of a category axis: containLabel measures them before they wrap, so long
   * ones were clipped at the chart's edge ("eliable improvement").
   */
  function barGrid() {
    return {left: labelWidth() + 16, right: 72, top: 36, bottom: 28, containLabel: false};
  }

  /** A horizontal bar's data item: the number, or no bar and the word "withheld" where it would be. */
  function bar(v, vertical) {
    const n = numberOf(v);
    if (n !== null) {
      return {value: n, label: {show: true, position: vertical ? 'top' : 'right'}};
    }
    const withheld = isWithheld(v);
    // Outside the (empty) bar, so that the label is drawn: at the axis, where the bar would start.
    const mark = withheld ? Object.assign({}, WITHHELD_LABEL) : {show: true, formatter: '—'};
    mark.position = vertical ? 'top' : 'right';
    if (vertical) {
      mark.rotate = 90;
      mark.align = 'left';
      mark.verticalAlign = 'middle';
    }
    // No bar (transparent, not opacity 0: a label inherits the item's opacity and would vanish with it).
    return {value: 0, label: mark, itemStyle: {color: 'transparent', decal: {symbol: 'none'}}};
  }

  // ---- sections -----------------------------------------------------------------------------------------------

  function byGroup(figures, group) {
    return figures.filter(f => f.group === group);
  }

  /** The value that says what the figure is: a count's people, a total, a mean, a rate's percentage. */
  function mainValue(f) {
    switch (f.kind) {
      case 'total': return value(f, 'total');
      case 'mean': return value(f, 'mean');
      case 'rate': return value(f, 'percent', ' %');
      default: return value(f, 'participants');
    }
  }

  function mainField(f) {
    return {total: 'total', mean: 'mean', rate: 'percent'}[f.kind] || 'participants';
  }

  function engagement(figures) {
    const rows = [];
    const chartRows = [];
    figures.filter(f => f.group === 'uptake' || f.group === 'engagement').forEach(f => {
      if (f.measure === 'enrolled') {
        rows.push([label(f.label) + ' in the period', value(f, 'participants'), display(null)]);
        chartRows.push({name: 'Enrolled in the period', v: f.participants});
        if (f.enrolledToDate) {
          rows.push(['Enrolled to date', value(f, 'enrolledToDate'), display(null)]);
          chartRows.push({name: 'Enrolled to date', v: f.enrolledToDate});
        }
        if (f.eligibleHeadcount) {
          rows.push(['Uptake (enrolled to date, of ' + f.eligibleHeadcount + ' eligible)', value(f, 'percent', ' %'),
            display(null)]);
        }
      } else {
        rows.push([label(f.label), mainValue(f), f.kind === 'count' ? display(null) : value(f, 'participants')]);
        if (f.kind !== 'rate') {
          chartRows.push({name: shortLabel(f.label), v: f[mainField(f)]});
        }
      }
    });
    table($('t-engagement'), 'Uptake and engagement', 'Uptake and engagement', ['Figure', 'Value', 'People'], rows);
    chart('chart-engagement', {
      title: {text: 'People and activity in the period', textStyle: {fontSize: 14}},
      xAxis: {type: 'value', minInterval: 1},
      grid: barGrid(),
      yAxis: categoryAxis(chartRows.map(r => r.name)),
      series: [{type: 'bar', data: chartRows.map(r => bar(r.v))}]
    }, chartRows.length);
  }

  function bands(figures) {
    const container = $('t-bands');
    container.replaceChildren();
    const distributions = byGroup(figures, 'wellbeing').filter(f => f.kind === 'distribution');
    const wellbeing = byGroup(figures, 'wellbeing').filter(f => f.kind !== 'distribution');
    if (wellbeing.length) {
      table(newTable(container), 'Wellbeing', 'Wellbeing', ['Figure', 'Value', 'People'],
          wellbeing.map(f => [label(f.label), mainValue(f), value(f, 'participants')]));
    }
    distributions.forEach(f => {
      const rows = (f.cells || []).map(c => [label(c.category.replace(/-/g, ' ')),
        value(f, 'cells.' + c.category + '.count'), value(f, 'cells.' + c.category + '.percent', ' %')]);
      rows.push(['Total', value(f, 'participants'), display(null)]);
      table(newTable(container), 'Wellbeing', label(f.label), ['Band', 'People', 'Share'], rows);
    });
    const phq = distributions.filter(f => /^phq9-bands/.test(f.measure));
    const shown = phq.length ? phq : distributions.slice(0, 2);
    const categories = shown.length ? (shown[0].cells || []).map(c => label(c.category.replace(/-/g, ' '))) : [];
    chart('chart-bands', {
      title: {text: shown.length ? (phq.length ? 'PHQ-9 bands, share of people' : 'Bands, share of people')
          : 'No bands in this period', textStyle: {fontSize: 14}},
      legend: {bottom: 0},
      grid: {left: 8, right: 16, top: 36, bottom: 32, containLabel: true},
      xAxis: {type: 'category', data: categories,
        axisLabel: {interval: 0, width: 90, overflow: 'break', lineHeight: 14}},
      yAxis: {type: 'value', max: 100, axisLabel: {formatter: '{value} %'}},
      series: shown.map(f => ({
        name: /entry/.test(f.measure) ? 'At entry' : 'At the latest measure', type: 'bar',
        data: (f.cells || []).map(c => bar(c.percent, true))
      }))
    });
  }

  function outcomes(figures) {
    const rates = byGroup(figures, 'outcomes');
    table($('t-outcomes'), 'Outcomes', 'Outcomes', ['Figure', 'Value', 'Of people'],
        rates.map(f => [label(f.label), mainValue(f), value(f, 'participants')]));
    const shown = rates.filter(f => f.kind === 'rate');
    chart('chart-outcomes', {
      title: {text: 'Outcome rates', textStyle: {fontSize: 14}},
      xAxis: {type: 'value', max: 100, axisLabel: {formatter: '{value} %'}},
      grid: barGrid(),
      yAxis: categoryAxis(shown.map(f => shortLabel(f.label))),
      series: [{type: 'bar', data: shown.map(f => bar(f.percent))}]
    }, shown.length);
  }

  function interventions(figures) {
    const chosen = byGroup(figures, 'interventions').filter(f => /^chosen-/.test(f.measure));
    const recommended = {};
    byGroup(figures, 'interventions').filter(f => /^recommended-chosen-/.test(f.measure))
        .forEach(f => { recommended[f.measure.replace(/^recommended-/, '')] = f; });
    const name = f => f.intervention && f.intervention.name ? f.intervention.name : f.measure.replace(/^chosen-/, '');
    table($('t-interventions'), 'Interventions', 'Interventions chosen',
        ['Intervention', 'Approach', 'People who chose it', 'Of those recommended it, chose it'],
        chosen.map(f => [name(f),
          {text: f.intervention && f.intervention.approach ? f.intervention.approach : '—', withheld: false},
          value(f, 'participants'),
          recommended[f.measure] ? value(recommended[f.measure], 'percent', ' %') : display(null)]));
    $('h-interventions').parentElement.hidden = chosen.length === 0;
    chart('chart-interventions', {
      title: {text: 'People who chose each intervention', textStyle: {fontSize: 14}},
      xAxis: {type: 'value', minInterval: 1},
      grid: barGrid(),
      yAxis: categoryAxis(chosen.map(name)),
      series: [{type: 'bar', data: chosen.map(f => bar(f.participants))}]
    }, chosen.length);
  }

  /** WHO-5 month by month: one call to the trends endpoint, over the programme's closed months. */
  function trend(t) {
    const points = t.months;
    table($('t-trend'), 'WHO-5 by month', 'Mean WHO-5 wellbeing score (percentage) by month',
        ['Month', 'Mean', 'People'], points.map(p => [p.period.label, value(p.figure, 'mean', '', p.period.id),
          value(p.figure, 'participants', '', p.period.id)]));
    const means = points.map(p => numberOf(p.figure.mean));
    chart('chart-trend', {
      title: {text: 'Mean WHO-5 (0–100)', textStyle: {fontSize: 14}},
      grid: {left: 8, right: 24, top: 36, bottom: 8, containLabel: true},
      xAxis: {type: 'category', data: points.map(p => p.period.label), axisLabel: {interval: 0, width: 80,
        overflow: 'break'}},
      yAxis: {type: 'value', min: 0, max: 100},
      series: [
        {type: 'line', connectNulls: false, symbol: 'circle', symbolSize: 8, data: means, label: {show: true}},
        // A withheld month: no point, the word "withheld" where it would be.
        {type: 'scatter', symbolSize: 0, silent: true, data: points.map(p => isWithheld(p.figure.mean)
            ? {value: 50, label: Object.assign({}, WITHHELD_LABEL, {position: 'inside'})} : null)}
      ]
    });
  }

  /** How exact the figures are and, in noise mode, how much of the privacy budget they used. */
  function privacy(p) {
    const target = $('privacy');
    if (!p) {
      target.hidden = true;
      return;
    }
    const items = [['Figures', p.mode === 'noise'
        ? 'with noise added (values marked ≈), to protect individuals' : 'exact'],
      ['Minimum group size', String(p.minimumGroupSize)]];
    if (p.mode === 'noise') {
      items.push(['Privacy budget used by these figures', 'ε ' + p.epsilonSpent]);
      if (p.epsilonRemaining !== undefined && p.epsilonRemaining !== null) {
        items.push(['Privacy budget left this month', 'ε ' + p.epsilonRemaining + ' of ' + p.monthlyBudget]);
      }
    }
    const dl = document.createElement('dl');
    items.forEach(([term, text]) => {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.textContent = text;
      const pair = document.createElement('div');
      pair.append(dt, dd);
      dl.append(pair);
    });
    target.replaceChildren(dl);
    target.dataset.mode = p.mode;
    target.hidden = false;
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

  function cohortName(slug) {
    return label(slug.replace(/-/g, ' '));
  }

  /** A programme's pickers: its departments, its closed months and quarters (newest first, so the latest month). */
  function choose(programmeId) {
    const programme = state.programmes.find(p => p.id === programmeId) || state.programmes[0];
    state.programme = programme;
    state.k = programme.k;
    document.querySelectorAll('[data-k]').forEach(e => { e.textContent = String(programme.k); });
    options($('cohort'), [{value: '', text: 'Whole programme'}]
        .concat(programme.cohorts.map(c => ({value: c, text: cohortName(c)}))));
    const latestMonth = programme.periods.find(p => p.kind === 'month');
    options($('period'), programme.periods.map(p => ({value: p.id, text: p.label})));
    if (latestMonth) {
      $('period').value = latestMonth.id;
    }
    $('current').textContent = programme.currentMonth
        ? programme.currentMonth.label + ' is not over yet: its figures appear when it closes.' : '';
  }

  async function load() {
    const programme = state.programme;
    const cohort = $('cohort').value || null;
    const periodId = $('period').value;
    delete document.body.dataset.loaded;
    if (!programme || !periodId) {
      $('figures').hidden = true;
      status('There are no figures yet: a programme shows figures once its first month has ended.');
      return;
    }
    status('Loading figures…');
    try {
      const [answer, who5] = await Promise.all([api.figures(programme.id, cohort, periodId),
        api.trend(programme.id, 'who5-mean', cohort)]);
      state.shown = [];
      tipCounter = 0;
      const periodText = $('period').options[$('period').selectedIndex].text;
      if (!answer.closed) {
        // The API withholds everything of a period that has not ended; say so rather than show a wall of boxes.
        $('figures').hidden = true;
        privacy(null);
        status(periodText + ' is not over yet: figures appear when it closes.');
        document.body.dataset.loaded = 'true';
        return;
      }
      $('figures').hidden = false;
      privacy(answer.privacy);
      engagement(answer.figures);
      bands(answer.figures);
      outcomes(answer.figures);
      trend(who5);
      interventions(answer.figures);
      Object.values(state.charts).forEach(c => c.resize());
      const withheld = state.shown.filter(s => s.value.withheld).length;
      status('Showing ' + (cohort ? cohortName(cohort) : 'the whole programme') + ', ' + periodText
          + (withheld ? '. ' + withheld + ' value' + (withheld === 1 ? ' is' : 's are') + ' withheld.' : '.'));
      document.body.dataset.loaded = 'true';
    } catch (e) {
      $('figures').hidden = true;
      status('The figures could not be loaded: ' + e.message, true);
      document.body.dataset.loaded = 'error';
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
      document.body.dataset.loaded = 'error';
      return;
    }
    if (!state.programmes.length) {
      status('There is no programme of your organisation yet.');
      document.body.dataset.loaded = 'empty';
      return;
    }
    options($('programme'), state.programmes.map(p => ({value: p.id, text: p.name})));
    choose(state.programmes[0].id);
    await load();
  }

  window.tendDashboard = {csv: csv};
  start();
})();

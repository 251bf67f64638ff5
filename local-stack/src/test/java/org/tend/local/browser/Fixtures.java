package org.tend.local.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stand-in insights API's answers, in insights-service's JSON shape (programme list; {@code FigureView}s whose
 * values are {@code {"status":"released","value":…}} or {@code {"status":"withheld","rule":…,"explanation":…}}).
 */
final class Fixtures {

    private Fixtures() {
    }

    static final String PROGRAMMES = """
            {"programmes": [{"programmeId": "prg-acme", "name": "Acme wellbeing 2026", "organisation": "acme",
              "minimumGroupSize": 10,
              "cohorts": ["Engineering", "Finance", "Legal", "Operations", "Sales", "Support"],
              "periods": ["2026-06", "2026-05", "2026-04", "2026-03", "2026-02", "2026-01", "2026-Q2", "2026-Q1"]}]}
            """;

    private static final Map<String, Integer> WHO5_BY_MONTH = Map.of("2026-01", 48, "2026-02", 51, "2026-03", 53,
            "2026-04", 55, "2026-05", 56, "2026-06", 58);

    static String released(Object value) {
        return "{\"status\":\"released\",\"value\":" + value + "}";
    }

    static String withheld(String rule) {
        String explanation = switch (rule) {
            case "threshold" -> "Fewer than 10 people: withheld to protect a small group.";
            case "complementary" -> "Withheld so that it cannot be worked out from the totals and other figures shown.";
            default -> "Its group differs from another figure's by fewer than 10 people: comparing the two would single"
                    + " them out.";
        };
        return "{\"status\":\"withheld\",\"rule\":\"" + rule + "\",\"explanation\":\"" + explanation + "\"}";
    }

    /** The figures of {@code query} ({@code period=…[&cohort=…]}): Legal has fewer than 10 people, so all is withheld. */
    static String figures(String query) {
        String period = value(query, "period");
        String cohort = value(query, "cohort");
        boolean small = "Legal".equals(cohort);
        String t = withheld("threshold");
        double scale = cohort == null ? 1 : 0.2;
        List<String> figures = new ArrayList<>();
        figures.add(figure("enrolled", "uptake", "count", "participants enrolled",
                "\"participants\":" + (small ? t : released(Math.round(240 * scale)))
                        + ",\"enrolledToDate\":" + (small ? t : released(Math.round(412 * scale)))));
        figures.add(figure("active", "engagement", "count",
                "participants who completed an assessment, set a goal or rated one",
                "\"participants\":" + (small ? t : released(Math.round(198 * scale)))));
        figures.add(figure("assessments", "engagement", "sum", "assessments completed",
                "\"participants\":" + (small ? t : released(Math.round(198 * scale)))
                        + ",\"total\":" + (small ? t : released(Math.round(530 * scale)))));
        figures.add(figure("reassessed-on-time", "engagement", "rate",
                "participants due a re-assessment who completed it within the interval",
                "\"participants\":" + (small ? t : released(120)) + ",\"met\":" + (small ? t : released(87))
                        + ",\"percent\":" + (small ? t : released("72.5"))));
        figures.add(figure("goals-set", "engagement", "sum", "goals set",
                "\"participants\":" + (small ? t : released(150)) + ",\"total\":" + (small ? t : released(212))));
        int who5 = WHO5_BY_MONTH.getOrDefault(period, 50);
        figures.add(figure("who5-mean", "wellbeing", "sum", "mean WHO-5 wellbeing score (percentage)",
                "\"participants\":" + (small ? t : released(180)) + ",\"mean\":"
                        + (small ? t : "2026-03".equals(period) ? withheld("differencing") : released(who5 + ".0"))));
        figures.add(bands("phq9-bands-entry", "PHQ-9 bands at entry", small,
                new String[] {"minimal", "mild", "moderate", "moderately severe", "severe"},
                new String[] {released(60), released(70), released(45), released(20), released(12)}, 207));
        figures.add(bands("phq9-bands-latest", "PHQ-9 bands at the latest measure", small,
                new String[] {"minimal", "mild", "moderate", "moderately severe", "severe"},
                new String[] {released(95), released(62), released(32), withheld("complementary"), t}, 207));
        figures.add(rate("reliable-improvement", "reliable improvement (NHS Talking Therapies), of those with two PHQ-9"
                + " or GAD-7 measures", small, 142, 66, "46.5"));
        figures.add(rate("reliable-deterioration", "reliable deterioration (NHS Talking Therapies), of those with two"
                + " PHQ-9 or GAD-7 measures", small, 142, 11, "7.7"));
        figures.add(rate("recovery", "recovery (NHS Talking Therapies), of those who were a case at entry", small, 77,
                35, "45.5"));
        figures.add(figure("reliable-recovery", "outcomes", "rate",
                "reliable recovery (NHS Talking Therapies), of those who were a case at entry",
                "\"participants\":" + (small ? t : released(77)) + ",\"met\":" + withheld("complementary")
                        + ",\"percent\":" + withheld("complementary")));
        figures.add(intervention("cbt-guided-self-help", "Guided self-help (CBT)", "cbt", small, 64, "41.0"));
        figures.add(intervention("mindfulness-course", "Mindfulness course", "mindfulness", small, 38, "33.3"));
        figures.add(intervention("sleep-hygiene", "Sleep hygiene programme", "psychoeducation", small, 7, null));
        return "{\"programmeId\":\"prg-acme\",\"period\":\"" + period + "\",\"cohort\":"
                + (cohort == null ? "null" : "\"" + cohort + "\"") + ",\"minimumGroupSize\":10,\"figures\":["
                + String.join(",", figures) + "]}";
    }

    private static String figure(String measure, String group, String kind, String label, String values) {
        return "{\"measure\":\"" + measure + "\",\"group\":\"" + group + "\",\"kind\":\"" + kind + "\",\"label\":\""
                + label + "\"," + values + "}";
    }

    private static String rate(String measure, String label, boolean small, int of, int met, String percent) {
        String t = withheld("threshold");
        return figure(measure, "outcomes", "rate", label, "\"participants\":" + (small ? t : released(of))
                + ",\"met\":" + (small ? t : released(met)) + ",\"percent\":" + (small ? t : released(percent)));
    }

    private static String bands(String measure, String label, boolean small, String[] categories, String[] counts,
                                int total) {
        String t = withheld("threshold");
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < categories.length; i++) {
            String count = small ? t : counts[i];
            String percent = count.contains("released")
                    ? released(String.format(java.util.Locale.ROOT, "%.1f",
                            100.0 * Integer.parseInt(count.replaceAll("\\D", "")) / total))
                    : count;
            cells.add("{\"category\":\"" + categories[i] + "\",\"count\":" + count + ",\"percent\":" + percent + "}");
        }
        return figure(measure, "wellbeing", "distribution", label, "\"participants\":" + (small ? t : released(total))
                + ",\"cells\":[" + String.join(",", cells) + "]");
    }

    private static String intervention(String id, String name, String approach, boolean small, int chose,
                                       String recommendedPercent) {
        String t = withheld("threshold");
        String chosen = small || chose < 10 ? t : released(chose);
        String meta = ",\"intervention\":{\"interventionId\":\"" + id + "\",\"name\":\"" + name + "\",\"approach\":\""
                + approach + "\"}";
        String one = figure("chosen-" + id, "interventions", "count",
                "participants who chose the intervention (set a goal with it)", "\"participants\":" + chosen + meta);
        String rate = figure("recommended-chosen-" + id, "interventions", "rate",
                "of the participants recommended the intervention, those who chose it",
                "\"participants\":" + (small ? t : released(150)) + ",\"percent\":"
                        + (small || recommendedPercent == null ? t : released(recommendedPercent)) + meta);
        return one + "," + rate;
    }

    private static String value(String query, String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return pair.substring(eq + 1);
            }
        }
        return null;
    }
}

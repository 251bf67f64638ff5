package org.tend.local.demo;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the demo programme's participants do, day by day: a pure function of its {@link Size} and the last month it
 * covers, so a run is reproducible and a test can compute from the plan what the platform should show.
 *
 * <p>The model, chosen to look like an employer's programme rather than to be clinically exact: six departments, one
 * of them ({@value #SMALL_DEPARTMENT}) with fewer people than the programme's minimum group size; people enrol over
 * the first four months (most in the first, as after a launch) and take PHQ-9, GAD-7 and WHO-5 at entry and about
 * every 28 to 35 days after, some stopping early. Each person has a latent level of distress at entry (spread so that
 * PHQ-9 bands look like a workplace population that sought help) and a course: most improve (two in three), some stay
 * where they were, a few deteriorate. Their three scores follow that level with a little noise each; their goal-based
 * outcome rating (0 to 10) follows the course. PHQ-9 item 9 is always 0, so the demo raises no safety concern (no care
 * hold would let such a participant's recommendations through, and no alert waits for a practitioner).
 *
 * <p>Months are calendar months in UTC, ending with {@code lastMonth} (the seeder passes the month before the current
 * one, so every visit lies in the past and the months shown are whole).
 */
public final class DemoPlan {

    /** The organisation whose programme the demo is. */
    public static final String ORGANISATION = "acme";
    /** The programme's name, by which a second run finds that the demo exists. */
    public static final String PROGRAMME_NAME = "Acme wellbeing programme (demo)";
    /** k: no HR figure over fewer people (the programme default). */
    public static final int MINIMUM_GROUP_SIZE = 10;
    /** The department with fewer than {@link #MINIMUM_GROUP_SIZE} people. */
    public static final String SMALL_DEPARTMENT = "legal";
    /** How many people the small department has. */
    public static final int SMALL_DEPARTMENT_SIZE = 6;
    /** The departments, the small one last, with the share of the other participants each of the others gets. */
    public static final Map<String, Double> DEPARTMENT_SHARES = shares();
    /** The instruments taken at every visit, in the order they are taken. */
    public static final List<String> INSTRUMENTS = List.of("phq-9", "gad-7", "who-5");

    private static final double[] ENROLMENT_MONTH_WEIGHTS = {0.40, 0.25, 0.20, 0.15};
    private static final List<String> GOALS = List.of(
            "Walk at lunchtime three days a week",
            "Practise the breathing exercise every evening",
            "Keep a sleep diary and be in bed by eleven on work nights",
            "Meet a friend or colleague for coffee once a week",
            "Finish the first four sessions of the course",
            "Write down three things that went well each Friday",
            "Stop checking work e-mail after seven in the evening");

    /**
     * @param participants how many people enrol (at least twice the small department)
     * @param months       how many calendar months the demo covers (at least 2: entry and one follow-up)
     * @param seed         the random seed: the same seed and size give the same programme
     */
    public record Size(int participants, int months, long seed) {
        /** The full demo: 400 people over six months. */
        public static final Size FULL = new Size(400, 6, 20_261_127L);

        public Size {
            if (participants < 2 * SMALL_DEPARTMENT_SIZE || participants > 9999) {
                throw new IllegalArgumentException("participants must be between " + 2 * SMALL_DEPARTMENT_SIZE
                        + " and 9999, got " + participants);
            }
            if (months < 2 || months > 24) {
                throw new IllegalArgumentException("months must be between 2 and 24, got " + months);
            }
        }
    }

    /** How a participant's distress runs. */
    public enum Course { IMPROVES, UNCHANGED, DETERIORATES }

    /** One visit: the day, the answers of each instrument, and the goal rating (0–10) given then if they have a goal. */
    public record Visit(int number, LocalDate day, Map<String, Map<String, Integer>> answers, int goalRating) {
        public Visit {
            answers = Collections.unmodifiableMap(new LinkedHashMap<>(answers));
        }

        /** The first visit: enrolment, entry measures, a goal. */
        public boolean isEntry() {
            return number == 0;
        }

        /** The sum of an instrument's answers (WHO-5: the raw score, 0–25). */
        public int total(String instrumentId) {
            return answers.get(instrumentId).values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * One participant.
     *
     * @param name         {@code demo-0001} …: the dev issuer's login name
     * @param goalChoice   which of the recommended interventions they pick (0 = the first; fewer offered: the last)
     * @param goal         the goal's wording, or null when they set none
     */
    public record Participant(String name, String department, Course course, int goalChoice, String goal,
                              List<Visit> visits) {
        public Participant {
            visits = List.copyOf(visits);
        }

        /** The token subject: {@code demo|<name>}, as for the issuer's fixed demo users. */
        public String subject() {
            return "demo|" + name;
        }

        /** The day they enrolled. */
        public LocalDate enrolledOn() {
            return visits.get(0).day();
        }
    }

    /** One participant's visit on a day of the plan. */
    public record Step(Participant participant, Visit visit) {
    }

    private final Size size;
    private final YearMonth firstMonth;
    private final YearMonth lastMonth;
    private final List<Participant> participants;

    private DemoPlan(Size size, YearMonth lastMonth, List<Participant> participants) {
        this.size = size;
        this.lastMonth = lastMonth;
        this.firstMonth = lastMonth.minusMonths(size.months() - 1L);
        this.participants = List.copyOf(participants);
    }

    /** The plan of a programme of {@code size} whose last month is {@code lastMonth}. */
    public static DemoPlan of(Size size, YearMonth lastMonth) {
        Objects.requireNonNull(lastMonth);
        YearMonth first = lastMonth.minusMonths(size.months() - 1L);
        List<String> departments = departmentsFor(size.participants(), new Random(size.seed()));
        List<Participant> participants = new ArrayList<>();
        for (int i = 0; i < size.participants(); i++) {
            participants.add(participant(i, departments.get(i), size, first, lastMonth));
        }
        return new DemoPlan(size, lastMonth, participants);
    }

    public Size size() {
        return size;
    }

    public YearMonth firstMonth() {
        return firstMonth;
    }

    public YearMonth lastMonth() {
        return lastMonth;
    }

    /** The first day of the first month: the programme is created then. */
    public LocalDate firstDay() {
        return firstMonth.atDay(1);
    }

    public List<Participant> participants() {
        return participants;
    }

    /** Every visit, by day (days without visits are absent), in the participants' order within a day. */
    public SortedMap<LocalDate, List<Step>> byDay() {
        SortedMap<LocalDate, List<Step>> days = new TreeMap<>();
        for (Participant participant : participants) {
            for (Visit visit : participant.visits()) {
                days.computeIfAbsent(visit.day(), d -> new ArrayList<>()).add(new Step(participant, visit));
            }
        }
        return days;
    }

    /** How many people each department has, in {@link #DEPARTMENT_SHARES}' order. */
    public Map<String, Integer> departmentSizes() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        DEPARTMENT_SHARES.keySet().forEach(d -> sizes.put(d, 0));
        participants.forEach(p -> sizes.merge(p.department(), 1, Integer::sum));
        return sizes;
    }

    /** Every visit's assessments: three per visit. */
    public int assessmentCount() {
        return participants.stream().mapToInt(p -> p.visits().size()).sum() * INSTRUMENTS.size();
    }

    private static Map<String, Double> shares() {
        Map<String, Double> shares = new LinkedHashMap<>();
        shares.put("engineering", 0.35);
        shares.put("sales", 0.22);
        shares.put("operations", 0.20);
        shares.put("finance", 0.13);
        shares.put("people", 0.10);
        shares.put(SMALL_DEPARTMENT, 0.0);
        return Collections.unmodifiableMap(shares);
    }

    /** Exactly {@link #SMALL_DEPARTMENT_SIZE} in the small department, the rest by share (largest remainder), shuffled. */
    private static List<String> departmentsFor(int participants, Random random) {
        int others = participants - SMALL_DEPARTMENT_SIZE;
        List<String> names = DEPARTMENT_SHARES.keySet().stream().filter(d -> !d.equals(SMALL_DEPARTMENT)).toList();
        int[] counts = new int[names.size()];
        double[] remainders = new double[names.size()];
        int assigned = 0;
        for (int i = 0; i < names.size(); i++) {
            double exact = others * DEPARTMENT_SHARES.get(names.get(i));
            counts[i] = (int) Math.floor(exact);
            remainders[i] = exact - counts[i];
            assigned += counts[i];
        }
        while (assigned < others) {
            int best = 0;
            for (int i = 1; i < names.size(); i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            counts[best]++;
            remainders[best] = -1;
            assigned++;
        }
        List<String> departments = new ArrayList<>(participants);
        for (int i = 0; i < names.size(); i++) {
            departments.addAll(Collections.nCopies(counts[i], names.get(i)));
        }
        departments.addAll(Collections.nCopies(SMALL_DEPARTMENT_SIZE, SMALL_DEPARTMENT));
        Collections.shuffle(departments, random);
        return departments;
    }

    private static Participant participant(int index, String department, Size size, YearMonth first,
                                           YearMonth last) {
        // Each person has a generator of their own: demo-0001 is the same person whatever the programme's size. The seed
        // is mixed first: java.util.Random's first draws from neighbouring seeds are nearly equal.
        Random random = new Random(mix(size.seed() * 0x9E3779B97F4A7C15L + index));
        String name = "demo-%04d".formatted(index + 1);

        YearMonth enrolmentMonth = first.plusMonths(enrolmentMonthIndex(random, size.months()));
        LocalDate entry = enrolmentMonth.atDay(1 + random.nextInt(enrolmentMonth.lengthOfMonth()));
        LocalDate end = last.atEndOfMonth();
        boolean dropsOut = random.nextDouble() < 0.15;
        int followUpsBeforeDropping = random.nextInt(3);

        double roll = random.nextDouble();
        Course course = roll < 0.65 ? Course.IMPROVES : roll < 0.90 ? Course.UNCHANGED : Course.DETERIORATES;
        double distress = entryDistress(random);
        double reduction = 0.35 + 0.45 * random.nextDouble();
        double monthsToEffect = 0.7 + 1.3 * random.nextDouble();
        double worsening = 0.2 + 0.2 * random.nextDouble();
        double anxietyFactor = 0.7 + 0.4 * random.nextDouble();
        double wellbeingFactor = 0.8 + 0.2 * random.nextDouble();
        int goalBaseline = 1 + random.nextInt(4);
        double goalReach = 0.5 + 0.5 * random.nextDouble();
        boolean setsGoal = random.nextDouble() < 0.85;
        double choiceRoll = random.nextDouble();
        int goalChoice = choiceRoll < 0.6 ? 0 : choiceRoll < 0.85 ? 1 : 2;
        String goal = setsGoal ? GOALS.get(random.nextInt(GOALS.size())) : null;

        List<Visit> visits = new ArrayList<>();
        LocalDate day = entry;
        for (int number = 0; !day.isAfter(end); number++) {
            if (dropsOut && number > followUpsBeforeDropping) {
                break;
            }
            double monthsIn = (day.toEpochDay() - entry.toEpochDay()) / 30.4;
            double effect = 1 - Math.exp(-monthsIn / monthsToEffect);
            double level = switch (course) {
                case IMPROVES -> distress * (1 - reduction * effect);
                case UNCHANGED -> distress * (1 + 0.08 * random.nextGaussian());
                case DETERIORATES -> distress + worsening * effect;
            };
            level = Math.max(0, Math.min(1, level));
            int phq = clamp((int) Math.round(24 * level + random.nextGaussian()), 0, 24);
            int gad = clamp((int) Math.round(21 * level * anxietyFactor + 1.5 * random.nextGaussian()), 0, 21);
            int who = clamp((int) Math.round(25 * (1 - level) * wellbeingFactor - 2 + 1.5 * random.nextGaussian()),
                    0, 25);
            int rating = switch (course) {
                case IMPROVES -> goalBaseline + (int) Math.round((10 - goalBaseline) * goalReach * effect);
                case UNCHANGED -> goalBaseline + random.nextInt(3) - 1;
                case DETERIORATES -> goalBaseline - (int) Math.round(2 * effect);
            };
            Map<String, Map<String, Integer>> answers = new LinkedHashMap<>();
            Map<String, Integer> phqAnswers = spread("phq9-", 8, 3, phq, random);
            phqAnswers.put("phq9-9", 0);
            answers.put("phq-9", phqAnswers);
            answers.put("gad-7", spread("gad7-", 7, 3, gad, random));
            answers.put("who-5", spread("who5-", 5, 5, who, random));
            visits.add(new Visit(number, day, answers, clamp(rating, 0, 10)));
            day = day.plusDays(28 + random.nextInt(8));
        }
        return new Participant(name, department, course, goalChoice, goal, visits);
    }

    /** Month of enrolment (0-based): the first four months, most in the first; fewer when the demo is shorter. */
    private static int enrolmentMonthIndex(Random random, int months) {
        int choices = Math.max(1, Math.min(ENROLMENT_MONTH_WEIGHTS.length, months - 1));
        double total = 0;
        for (int i = 0; i < choices; i++) {
            total += ENROLMENT_MONTH_WEIGHTS[i];
        }
        double roll = random.nextDouble() * total;
        for (int i = 0; i < choices; i++) {
            roll -= ENROLMENT_MONTH_WEIGHTS[i];
            if (roll < 0) {
                return i;
            }
        }
        return choices - 1;
    }

    /**
     * Distress at entry as a share of PHQ-9's range over items 1–8 (24): a quarter minimal, 30 % mild, a quarter
     * moderate, 13 % moderately severe, 7 % severe.
     */
    private static double entryDistress(Random random) {
        double roll = random.nextDouble();
        int[] band = roll < 0.25 ? new int[] {1, 4} : roll < 0.55 ? new int[] {5, 9} : roll < 0.80
                ? new int[] {10, 14} : roll < 0.93 ? new int[] {15, 19} : new int[] {20, 23};
        return (band[0] + random.nextInt(band[1] - band[0] + 1)) / 24.0;
    }

    /** {@code total} over {@code items} answers of 0..{@code max}, evenly with a little unevenness. */
    private static Map<String, Integer> spread(String prefix, int items, int max, int total, Random random) {
        int[] values = new int[items];
        for (int i = 0; i < items; i++) {
            values[i] = total / items;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        for (int i = 0; i < total % items; i++) {
            values[order.get(i)]++;
        }
        for (int moves = 0; moves < items / 2; moves++) {
            int from = random.nextInt(items);
            int to = random.nextInt(items);
            if (values[from] > 0 && values[to] < max) {
                values[from]--;
                values[to]++;
            }
        }
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (int i = 0; i < items; i++) {
            answers.put(prefix + (i + 1), values[i]);
        }
        return answers;
    }

    /** SplitMix64's finaliser: neighbouring inputs give unrelated outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}

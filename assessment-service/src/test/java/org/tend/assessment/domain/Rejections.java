package org.tend.assessment.domain;

import java.util.List;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.tend.kernel.Rejection;
import org.tend.assessment.domain.instrument.AnswerViolation;
import org.tend.assessment.domain.instrument.InvalidAnswersException;

/** Matchers for the refusals aggregates throw, naming the field and the rule as the API will. */
public final class Rejections {

    private Rejections() {
    }

    public static Matcher<Rejection> rejected(Rejection.Kind kind, String field, String rule) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Rejection e) {
                return e.kind() == kind && e.field().equals(field) && e.rule().equals(rule);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a " + kind + " rejection of " + field + " by rule " + rule);
            }

            @Override
            protected void describeMismatchSafely(Rejection e, Description mismatch) {
                mismatch.appendText("was a " + e.kind() + " rejection of " + e.field() + " by rule " + e.rule());
            }
        };
    }

    /** Answers refused with exactly these {@code itemId:rule} violations, in any order. */
    public static Matcher<InvalidAnswersException> invalidAnswers(String... itemRules) {
        List<String> expected = List.of(itemRules);
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(InvalidAnswersException e) {
                List<String> actual = e.answerViolations().stream().map(Rejections::itemRule).toList();
                return actual.size() == expected.size() && actual.containsAll(expected);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("answers refused with " + expected);
            }

            @Override
            protected void describeMismatchSafely(InvalidAnswersException e, Description mismatch) {
                mismatch.appendText("were refused with " + e.answerViolations().stream().map(Rejections::itemRule).toList());
            }
        };
    }

    private static String itemRule(AnswerViolation v) {
        return v.itemId() + ":" + v.rule();
    }
}

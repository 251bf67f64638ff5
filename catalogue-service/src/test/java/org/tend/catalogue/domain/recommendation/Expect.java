package org.tend.catalogue.domain.recommendation;

import java.util.function.Consumer;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

/** A Hamcrest matcher for Axon's fixture made of AssertJ assertions on one event payload. */
final class Expect {
    private Expect() {
    }

    static <T> Matcher<Object> payload(Class<T> type, Consumer<T> assertions) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item, Description mismatch) {
                if (!type.isInstance(item)) {
                    mismatch.appendText("was ").appendValue(item);
                    return false;
                }
                try {
                    assertions.accept(type.cast(item));
                    return true;
                } catch (AssertionError e) {
                    mismatch.appendText(e.getMessage());
                    return false;
                }
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a " + type.getSimpleName() + " satisfying the assertions");
            }
        };
    }
}

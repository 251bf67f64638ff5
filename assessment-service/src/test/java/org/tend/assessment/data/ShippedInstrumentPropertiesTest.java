package org.tend.assessment.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.tend.assessment.domain.instrument.InstrumentDefinition;
import org.tend.assessment.domain.instrument.Item;
import org.tend.assessment.domain.instrument.ScoredResult;
import org.tend.assessment.domain.instrument.ScoringEngine;

/** Properties every shipped instrument must have, over any valid set of answers. */
class ShippedInstrumentPropertiesTest {

    record Case(InstrumentDefinition definition, Map<String, Integer> answers) {
        @Override
        public String toString() {
            return definition + " " + answers;
        }
    }

    record Change(Case base, Item item, int newAnswer) {
        @Override
        public String toString() {
            return base + " with " + item.id() + " = " + newAnswer;
        }
    }

    @Provide
    Arbitrary<Case> validAnswers() {
        return Arbitraries.of(ShippedInstruments.LIBRARY.all()).flatMap(definition -> {
            List<Arbitrary<Optional<Integer>>> perItem = new ArrayList<>();
            for (Item item : definition.items()) {
                Arbitrary<Integer> value = Arbitraries.of(definition.optionsFor(item).values());
                // Unscored items are optional in every shipped definition: sometimes left out.
                perItem.add(item.scored() ? value.map(Optional::of) : value.optional(0.5));
            }
            return Combinators.combine(perItem).as(values -> {
                Map<String, Integer> answers = new LinkedHashMap<>();
                for (int i = 0; i < values.size(); i++) {
                    int index = i;
                    values.get(i).ifPresent(v -> answers.put(definition.items().get(index).id(), v));
                }
                return new Case(definition, answers);
            });
        });
    }

    @Provide
    Arbitrary<Change> singleItemChanges() {
        return validAnswers().flatMap(base -> {
            List<Item> scored = base.definition().scoredItems();
            return Arbitraries.of(scored).flatMap(item -> Arbitraries
                    .of(base.definition().optionsFor(item).values())
                    .map(answer -> new Change(base, item, answer)));
        });
    }

    @Property
    void anyValidAnswerSetScoresWithinTheDeclaredRange(@ForAll("validAnswers") Case c) {
        InstrumentDefinition definition = c.definition();

        ScoredResult result = ScoringEngine.score(definition, c.answers());

        assertThat(definition.rawRange().contains(result.rawScore())).as("raw %d in %s", result.rawScore(),
                definition.rawRange()).isTrue();
        if (definition.scoring().hasScaledScore()) {
            assertThat(definition.scaledRange().contains(result.scaledScore())).isTrue();
        } else {
            assertThat(result.scaledScore()).isNull();
        }
        assertThat(result.band().contains(result.bandedScore())).isTrue();
        assertThat(definition.bands()).contains(result.band());
    }

    @Property
    void raisingOneItemsContributionNeverLowersTheRawScore(@ForAll("singleItemChanges") Change change) {
        InstrumentDefinition definition = change.base().definition();
        Item item = change.item();
        int oldAnswer = change.base().answers().get(item.id());
        Map<String, Integer> changed = new LinkedHashMap<>(change.base().answers());
        changed.put(item.id(), change.newAnswer());

        int before = ScoringEngine.score(definition, change.base().answers()).rawScore();
        int after = ScoringEngine.score(definition, changed).rawScore();
        int contributionChange = ScoringEngine.contribution(definition, item, change.newAnswer())
                - ScoringEngine.contribution(definition, item, oldAnswer);

        // The score moves by exactly the item's change in contribution, so it never falls when that rises.
        assertThat(after - before).isEqualTo(contributionChange);
        if (contributionChange >= 0) {
            assertThat(after).isGreaterThanOrEqualTo(before);
        }
        // Direction: a higher answer raises the score, except on a reversed item, where it lowers it.
        int answerChange = Integer.signum(change.newAnswer() - oldAnswer);
        assertThat(Integer.signum(contributionChange)).isEqualTo(item.reversed() ? -answerChange : answerChange);
    }

    @Property
    void unscoredAnswersNeverChangeTheScore(@ForAll("validAnswers") Case c) {
        InstrumentDefinition definition = c.definition();
        Map<String, Integer> scoredOnly = new LinkedHashMap<>(c.answers());
        definition.items().stream().filter(i -> !i.scored()).forEach(i -> scoredOnly.remove(i.id()));

        assertThat(ScoringEngine.score(definition, scoredOnly).rawScore())
                .isEqualTo(ScoringEngine.score(definition, c.answers()).rawScore());
    }
}

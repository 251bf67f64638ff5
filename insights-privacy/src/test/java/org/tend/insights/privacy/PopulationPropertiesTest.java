package org.tend.insights.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The fast symmetric difference agrees with the obvious one, capped at the limit. */
class PopulationPropertiesTest {

    @Property
    void theCappedSymmetricDifferenceIsTheTrueOneOrTheLimit(
            @ForAll @Size(max = 60) Set<@IntRange(min = 0, max = 80) Integer> a,
            @ForAll @Size(max = 60) Set<@IntRange(min = 0, max = 80) Integer> b,
            @ForAll @IntRange(min = 1, max = 30) int limit) {
        BitSet x = new BitSet();
        a.forEach(x::set);
        BitSet y = new BitSet();
        b.forEach(y::set);
        BitSet xor = (BitSet) x.clone();
        xor.xor(y);

        int d = Population.of(x).symmetricDifference(Population.of(y), limit);

        assertThat(d).isEqualTo(Math.min(xor.cardinality(), limit));
    }

    @Property
    void unionAndMinusAreTheSetOperations(@ForAll @Size(max = 40) Set<@IntRange(min = 0, max = 60) Integer> a,
                                          @ForAll @Size(max = 40) Set<@IntRange(min = 0, max = 60) Integer> b) {
        Population x = Population.of(a.stream().mapToInt(Integer::intValue).toArray());
        Population y = Population.of(b.stream().mapToInt(Integer::intValue).toArray());
        BitSet union = new BitSet();
        a.forEach(union::set);
        b.forEach(union::set);
        BitSet minus = new BitSet();
        a.stream().filter(i -> !b.contains(i)).forEach(minus::set);

        assertThat(x.union(y)).isEqualTo(Population.of(union));
        assertThat(x.minus(y)).isEqualTo(Population.of(minus));
        assertThat(x.union(y).containsAll(x)).isTrue();
        assertThat(x.isDisjointFrom(y)).isEqualTo(a.stream().noneMatch(b::contains));
    }
}

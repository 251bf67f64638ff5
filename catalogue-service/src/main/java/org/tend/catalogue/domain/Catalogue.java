package org.tend.catalogue.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A versioned set of interventions with unique ids, in data order. */
public record Catalogue(String version, List<Intervention> interventions) {

    public Catalogue {
        Require.text(version, "catalogue version");
        interventions = List.copyOf(Require.notEmpty(interventions, "interventions"));
        Set<String> seen = new HashSet<>();
        for (Intervention intervention : interventions) {
            if (!seen.add(intervention.id())) {
                throw new IllegalArgumentException("duplicate intervention id: " + intervention.id());
            }
        }
    }

    public Optional<Intervention> find(String interventionId) {
        return interventions.stream().filter(i -> i.id().equals(interventionId)).findFirst();
    }

    public List<Intervention> suitableAt(SteppedCareLevel level) {
        return interventions.stream().filter(i -> i.isSuitableAt(level)).toList();
    }
}

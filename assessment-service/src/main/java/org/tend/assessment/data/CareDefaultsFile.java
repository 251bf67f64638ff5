package org.tend.assessment.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tend.assessment.domain.instrument.InstrumentDefinition;
import org.tend.assessment.domain.programme.CareDefaults;
import org.tend.assessment.domain.programme.CareSettings;
import org.tend.assessment.domain.programme.ScheduleItem;
import org.tend.plumbing.data.DataFileException;
import org.tend.plumbing.data.DataFiles;

/**
 * The YAML shape of {@code care/default-settings.yaml}, checked by {@code care/default-settings.schema.json} and then
 * by the domain's own rules ({@link CareSettings#violations}, with the library's instruments as the measures a
 * schedule may name): the service does not start with defaults an administrator could not have set.
 */
public record CareDefaultsFile(int maxActiveGoals, String reviewPeriod, Schedule schedule) {

    public static final String FILE = "care/default-settings.yaml";
    static final String SCHEMA = "care/default-settings.schema.json";

    record Schedule(String version, List<Item> items) {
    }

    record Item(String measure, String every, @JsonProperty("while") String applies) {
    }

    /** Loads the defaults from the classpath, checked against the instruments of {@code library}. */
    public static CareDefaults load(String resource, InstrumentLibrary library) {
        CareDefaultsFile file = DataFiles.read(resource, SCHEMA, CareDefaultsFile.class,
                CareDefaultsFile.class.getClassLoader());
        Set<String> measures = new HashSet<>();
        library.all().stream().map(InstrumentDefinition::id).forEach(measures::add);
        measures.add(CareSettings.GOAL_RATING);
        List<ScheduleItem> items = file.schedule().items().stream()
                .map(i -> new ScheduleItem(i.measure(), i.every(), i.applies())).toList();
        List<String> faults = CareSettings.violations(file.maxActiveGoals(), file.reviewPeriod(), items, measures)
                .stream().map(v -> v.field() + ": " + v.message() + " (" + v.rule() + ")").toList();
        DataFileException.failIfAny(resource, faults);
        return new CareDefaults(new CareSettings(file.maxActiveGoals(), file.reviewPeriod(),
                file.schedule().version(), items), measures);
    }
}

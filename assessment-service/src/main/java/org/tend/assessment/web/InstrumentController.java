package org.tend.assessment.web;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tend.assessment.data.InstrumentLibrary;
import org.tend.assessment.domain.instrument.Band;
import org.tend.assessment.domain.instrument.InstrumentDefinition;
import org.tend.assessment.domain.instrument.Item;
import org.tend.assessment.domain.instrument.ResponseOption;
import org.tend.plumbing.audit.ReferenceData;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.security.RequiresRole;
import org.tend.security.Role;
import org.tend.plumbing.web.NotFoundException;

/** The questionnaires as a form renders them, for any signed-in role. The same for everyone: not audited for practitioners. */
@RestController
@ReferenceData
@RequestMapping("/api/instruments")
// Reference data for every known role (the gateway lets HR through to insights only).
@RequiresRole({Role.PARTICIPANT, Role.PRACTITIONER, Role.HR, Role.ADMIN})
class InstrumentController {

    /**
     * @param bands      the score bands, lowest first, on the scale results report (what a chart shades)
     * @param scoreRange that scale
     */
    record InstrumentSummary(String id, String version, String title, List<BandView> bands, RangeView scoreRange) {
    }

    /** A band as its definition names it: the code results carry, its words, its scores (inclusive). */
    record BandView(String code, String label, int min, int max) {
    }

    record OptionView(int value, String label) {
    }

    record ItemView(String id, int number, String text, boolean scored, List<OptionView> options) {
    }

    record LicenceView(String notice, boolean reviewRequired) {
    }

    record RangeView(int min, int max) {
    }

    /** @param scoreRange the range of the score results report (WHO-5: the percentage) */
    record InstrumentView(String id, String version, String title, String language, String recallPeriod,
                          String instructions, String stem, List<ItemView> items, RangeView scoreRange,
                          List<BandView> bands, LicenceView licence) {
    }

    private final InstrumentLibrary library;

    InstrumentController(InstrumentLibrary library) {
        this.library = library;
    }

    /** The current version of every instrument. */
    @GetMapping
    List<InstrumentSummary> list(Caller caller) {
        return library.all().stream().map(InstrumentDefinition::id).distinct()
                .map(id -> library.find(id).orElseThrow())
                .map(d -> new InstrumentSummary(d.id(), d.version(), d.title(), bands(d),
                        new RangeView(d.bandedRange().min(), d.bandedRange().max()))).toList();
    }

    /** The current version, or the one named by {@code version} (results name the version that scored them). */
    @GetMapping("/{instrumentId}")
    InstrumentView get(@PathVariable String instrumentId, @RequestParam(required = false) String version,
                       Caller caller) {
        InstrumentDefinition d = (version == null ? library.find(instrumentId) : library.find(instrumentId, version))
                .orElseThrow(() -> new NotFoundException(version == null ? "instrumentId" : "version",
                        "There is no instrument " + instrumentId + (version == null ? "" : " " + version)));
        List<ItemView> items = d.items().stream().map(item -> item(d, item)).toList();
        return new InstrumentView(d.id(), d.version(), d.title(), d.language(), d.recallPeriod(), d.instructions(),
                d.stem(), items, new RangeView(d.bandedRange().min(), d.bandedRange().max()), bands(d),
                new LicenceView(d.licence().notice(), d.licence().reviewRequired()));
    }

    private static List<BandView> bands(InstrumentDefinition d) {
        return d.bands().stream().sorted(java.util.Comparator.comparingInt(Band::min))
                .map(b -> new BandView(b.code(), b.label(), b.min(), b.max())).toList();
    }

    private static ItemView item(InstrumentDefinition d, Item item) {
        List<OptionView> options = d.optionsFor(item).options().stream()
                .map((ResponseOption o) -> new OptionView(o.value(), o.label())).toList();
        return new ItemView(item.id(), item.number(), item.text(), item.scored(), options);
    }
}

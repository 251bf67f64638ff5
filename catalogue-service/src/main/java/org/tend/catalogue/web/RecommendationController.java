package org.tend.catalogue.web;

import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tend.catalogue.domain.Format;
import org.tend.catalogue.domain.PathwayRule;
import org.tend.catalogue.domain.SteppedCareLevel;
import org.tend.catalogue.domain.recommendation.ReasonCodes;
import org.tend.catalogue.domain.recommendation.CatalogueRecommender;
import org.tend.catalogue.domain.recommendation.ChangePreferences;
import org.tend.catalogue.domain.recommendation.RecommendationsIssued;
import org.tend.catalogue.query.InterventionDirectory;
import org.tend.catalogue.query.InterventionView;
import org.tend.catalogue.query.RecommendationViews;
import org.tend.catalogue.query.RecommendationViews.ParticipantView;
import org.tend.plumbing.axon.Commands;
import org.tend.plumbing.caseload.CaseloadDirectory;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.security.RequiresRole;
import org.tend.security.Role;
import org.tend.plumbing.web.BadRequestException;
import org.tend.plumbing.web.ConflictException;
import org.tend.plumbing.web.FieldViolation;
import org.tend.plumbing.web.InvalidInputException;
import org.tend.plumbing.web.NotFoundException;

/**
 * "Recommended interventions for this participant": the participant sees their own; a practitioner sees those of
 * participants enrolled in a programme they are assigned to; nobody else sees any. Recommendations are issued by
 * the participant's aggregate when an assessment arrives or preferences change and read here from the projection.
 */
@RestController
@RequestMapping("/api/recommendations")
public class RecommendationController {

    private static final int CONFLICT_ATTEMPTS = 3;

    private final RecommendationViews views;
    private final InterventionDirectory directory;
    private final CaseloadDirectory caseloads;
    private final CatalogueRecommender recommender;
    private final Commands commands;
    private final CareHoldSettings careHold;

    public RecommendationController(RecommendationViews views, InterventionDirectory directory,
            CaseloadDirectory caseloads, CatalogueRecommender recommender, Commands commands,
            CareHoldSettings careHold) {
        this.views = views;
        this.directory = directory;
        this.caseloads = caseloads;
        this.recommender = recommender;
        this.commands = commands;
        this.careHold = careHold;
    }

    @RequiresRole(Role.PARTICIPANT)
    @GetMapping("/me")
    public RecommendationsResponse mine(Caller caller) {
        return latestOf(caller.pseudonym());
    }

    @RequiresRole(Role.PRACTITIONER)
    @GetMapping
    public RecommendationsResponse ofParticipant(Caller caller,
            @RequestParam(required = false) String participantId) {
        // Checked before looking anything up, so a refusal says nothing about whether recommendations exist.
        caseloads.require(caller, BadRequestException.requirePseudonym("participantId", participantId));
        return latestOf(participantId);
    }

    @RequiresRole(Role.PARTICIPANT)
    @PutMapping("/me/preferences")
    public RecommendationsResponse.Preferences changePreferences(Caller caller,
            @Valid @RequestBody PreferencesRequest request) {
        Set<Format> formats = formats(request.formats());
        caseloads.requireEnrolled(caller.pseudonym(),
                "Only a participant enrolled in a programme has recommendations to prefer formats for");
        ChangePreferences command = new ChangePreferences(caller.pseudonym(), formats, commands.now());
        for (int attempt = 1; ; attempt++) {
            try {
                commands.send(command, "participantId");
                break;
            } catch (ConflictException e) {
                // An assessment record was applied to the same participant at the same moment (possibly on another
                // instance); preferences are absolute, so trying again on the new state is safe.
                if (attempt == CONFLICT_ATTEMPTS) {
                    throw e; // 409: nothing was written; the client may retry
                }
            }
        }
        return new RecommendationsResponse.Preferences(formats.stream().map(Format::code).toList());
    }

    private static Set<Format> formats(List<String> codes) {
        List<FieldViolation> violations = new ArrayList<>();
        Set<Format> formats = EnumSet.noneOf(Format.class);
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            Optional<Format> format = Format.fromCode(code);
            if (code == null) {
                violations.add(new FieldViolation("formats[" + i + "]", "required", "a format must be given"));
            } else if (format.isEmpty()) {
                violations.add(new FieldViolation("formats[" + i + "]", "enum", "'" + code
                        + "' is not a format; formats are " + EnumSet.allOf(Format.class).stream()
                        .map(Format::code).toList()));
            } else {
                formats.add(format.get());
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return formats;
    }

    private RecommendationsResponse latestOf(String participantId) {
        if (caseloads.isErased(participantId)) {
            throw new NotFoundException("participantId", "This participant was erased");
        }
        Optional<ParticipantView> found = views.find(participantId);
        if (found.isPresent() && found.get().heldSince() != null) {
            return held(found.get()); // safety first: the crisis signposting shows whatever the consent
        }
        if (caseloads.consentWithdrawnAt(participantId).isPresent()) {
            throw new ConflictException("participantId", CaseloadDirectory.CONSENT_WITHDRAWN,
                    "The participant has withdrawn their consent: recommendations stop until they consent again");
        }
        ParticipantView view = found.filter(v -> v.latest() != null)
                .orElseThrow(() -> new NotFoundException("participantId",
                        "No recommendations yet: they follow the first completed assessment"));
        RecommendationsIssued latest = view.latest();
        Map<String, InterventionView> entries = directory.findAll(
                latest.recommendations().stream().map(r -> r.interventionId()).toList());
        List<RecommendationsResponse.Item> items = latest.recommendations().stream()
                .map(r -> {
                    InterventionView entry = entries.get(r.interventionId());
                    return new RecommendationsResponse.Item(r.rank(), r.interventionId(),
                            entry == null ? r.interventionId() : entry.name(),
                            entry == null ? List.of() : entry.formats(), r.reasonCode(), r.reason());
                })
                .toList();
        return new RecommendationsResponse(participantId,
                new RecommendationsResponse.Level(latest.level(), recommender.levelLabel(latest.level()),
                        latest.levelReason()),
                new RecommendationsResponse.Basis(latest.basedOnAssessmentId(), latest.instrumentId(),
                        latest.band(), latest.basisRuleId()),
                latest.pathway() == null ? null : new RecommendationsResponse.Pathway(latest.pathway().pathway(),
                        latest.pathway().reasonCode(), latest.pathway().reason()),
                items,
                latest.considered().stream().map(c -> new RecommendationsResponse.Considered(c.instrumentId(),
                        c.band(), c.totalScore(), c.level(), c.reason())).toList(),
                new RecommendationsResponse.Preferences(view.preferredFormats()),
                latest.catalogueVersion(), latest.steppedCareVersion(), latest.issuedAt(), null);
    }

    /**
     * Safety overrides everything: while the participant's care is held, the stepped-care data's safety pathway
     * (human review, no self-help) instead of any automated recommendation, with what the participant needs now.
     */
    private RecommendationsResponse held(ParticipantView view) {
        PathwayRule safety = recommender.safetyPathway();
        String reason = safety.reasonTemplate() + " [rule " + safety.id() + "]";
        return new RecommendationsResponse(view.participantId(),
                new RecommendationsResponse.Level(SteppedCareLevel.SAFETY.code(), careHold.levelLabel(), reason),
                null,
                new RecommendationsResponse.Pathway(safety.pathway().code(), ReasonCodes.slug(safety.reasonCode()),
                        safety.reasonTemplate()),
                List.of(), List.of(), new RecommendationsResponse.Preferences(view.preferredFormats()),
                recommender.catalogue().version(), recommender.steppedCareVersion(), view.heldSince(),
                new RecommendationsResponse.CareHold(view.heldSince(), careHold.message(),
                        careHold.crisisSignposting()));
    }
}

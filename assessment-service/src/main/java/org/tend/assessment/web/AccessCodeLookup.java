package org.tend.assessment.web;

import org.springframework.stereotype.Component;
import org.tend.assessment.domain.programme.AccessCodes;
import org.tend.assessment.query.ProgrammeViews;
import org.tend.assessment.query.ProgrammeViews.CodeTarget;
import org.tend.plumbing.web.NotFoundException;

/**
 * Finds where a code someone typed leads. A code that cannot be one and a code no programme issued read alike: a
 * 404 naming the field, so trying codes tells nothing about which exist.
 */
@Component
class AccessCodeLookup {

    record Found(String hash, CodeTarget target) {
    }

    private final ProgrammeViews views;

    AccessCodeLookup(ProgrammeViews views) {
        this.views = views;
    }

    Found find(String field, String typed, String notFound) {
        String hash = AccessCodes.normalise(typed).map(AccessCodes::hash)
                .orElseThrow(() -> new NotFoundException(field, notFound));
        return views.findCode(hash).map(target -> new Found(hash, target))
                .orElseThrow(() -> new NotFoundException(field, notFound));
    }
}

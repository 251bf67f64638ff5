package org.tend.assessment;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Programmes, enrolment, validated questionnaires with exact versioned scoring, and the safety routing of what the
 * answers reveal. See the module README for the design.
 */
@SpringBootApplication
public class AssessmentApplication {

    public static void main(String[] args) {
        SpringApplication.run(AssessmentApplication.class, args);
    }
}

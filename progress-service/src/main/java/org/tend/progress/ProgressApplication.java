package org.tend.progress;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * progress-service: each participant's journey (enrolment, assessments, recommendations, goals, ratings, in time
 * order), projected from the assessment, catalogue and goal topics into MongoDB, and rebuildable from the log.
 */
@SpringBootApplication
public class ProgressApplication {
    public static void main(String[] args) {
        SpringApplication.run(ProgressApplication.class, args);
    }
}

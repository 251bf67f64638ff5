package org.tend.insights;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * insights-service: programme figures for HR (uptake, engagement, wellbeing, outcomes, interventions) from which no
 * one can be picked out, every answer read from the privacy planner's plans ({@code insights-privacy}).
 */
@SpringBootApplication
public class InsightsApplication {
    public static void main(String[] args) {
        SpringApplication.run(InsightsApplication.class, args);
    }
}

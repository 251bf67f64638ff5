package org.tend.goal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Participants' goals (SMART wording, GBO 0–10 ratings), each linked to an intervention of the catalogue. */
@SpringBootApplication
public class GoalApplication {
    public static void main(String[] args) {
        SpringApplication.run(GoalApplication.class, args);
    }
}

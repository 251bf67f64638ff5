package org.tend.plumbing.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.tend.security.DemoClock;
import org.tend.security.DeploymentSettings;

/**
 * What every service's store needs: its own database (the one Axon keeps its events in; read models live beside the
 * events) and the clock every "now" of the service comes from (tests replace it).
 */
@AutoConfiguration(afterName = "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration")
public class StoreAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StoreAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(MongoClient.class)
    public MongoDatabase serviceDatabase(MongoClient client, @Value("${tend.mongodb.database}") String database) {
        return client.getDatabase(database);
    }

    /**
     * The system clock; in the local stack's demo seeding ({@code tend.demo.clock-file}, local profile only), the
     * {@link DemoClock} whose offset the seeder moves, so that what the seeder replays carries the months it replays.
     * Outside the local profile a demo clock stops the start ({@link DeploymentSettings#refuseDemoClock}). Token
     * checks and Axon's event timestamps never use this bean: they stay on the system clock.
     */
    @Bean
    @ConditionalOnMissingBean
    public Clock clock(Environment environment) {
        String demoClockFile = environment.getProperty(DemoClock.PROPERTY, "");
        if (demoClockFile.isBlank()) {
            return Clock.systemUTC();
        }
        DeploymentSettings.refuseDemoClock(
                environment.acceptsProfiles(Profiles.of(DeploymentSettings.LOCAL_PROFILE)), demoClockFile);
        DemoClock clock = new DemoClock(Path.of(demoClockFile));
        log.warn("DEVELOPMENT ONLY: this service's clock is the demo clock, shifted by the offset in {} (now {})",
                clock.file(), clock.offset());
        return clock;
    }
}

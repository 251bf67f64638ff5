package org.tend.plumbing.instance;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.tend.plumbing.store.StoreAutoConfiguration;

/** This instance's id ({@code tend.instance.id}, {@code TEND_INSTANCE_ID}) and its leases in the service's database. */
@AutoConfiguration(after = StoreAutoConfiguration.class)
public class InstanceAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(InstanceAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    public InstanceId instanceId(@Value("${tend.instance.id:}") String configured) {
        InstanceId id = InstanceId.of(configured);
        log.info("this instance is {}", id);
        return id;
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(MongoDatabase.class)
    public Leases leases(MongoDatabase database, InstanceId instanceId, Clock clock) {
        return new Leases(database, instanceId, clock);
    }
}

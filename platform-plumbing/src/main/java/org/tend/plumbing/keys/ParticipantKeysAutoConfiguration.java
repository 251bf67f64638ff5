package org.tend.plumbing.keys;

import java.time.Duration;
import com.mongodb.client.MongoDatabase;
import org.apache.kafka.clients.admin.NewTopic;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.kafka.config.TopicBuilder;
import org.tend.keys.KafkaKeyRecords;
import org.tend.keys.MasterKey;
import org.tend.keys.ParticipantKeys;
import org.tend.keys.SealedFields;
import org.tend.plumbing.axon.SealingSerializer;
import org.tend.plumbing.messaging.CloudEventRecords;
import org.tend.security.DeploymentSettings;

/**
 * Crypto-shredding in a service whose events hold personal data ({@code tend.keys.enabled=true}): the master key from
 * the secret store ({@code TEND_MASTER_KEYSET}), the participants' keys shared on the key topic, and the service's
 * event serializer sealing every {@link org.tend.kernel.PersonalData} field with the participant's key
 * ({@link SealingSerializer}).
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnProperty(name = "tend.keys.enabled", havingValue = "true")
public class ParticipantKeysAutoConfiguration {

    /** The event serializer's bean, as Axon's auto-configuration names it. */
    static final String EVENT_SERIALIZER = "eventSerializer";

    @Bean
    public MasterKey tendMasterKey(@Value("${tend.keys.master-keyset:}") String keyset, Environment environment) {
        boolean local = environment.acceptsProfiles(Profiles.of(DeploymentSettings.LOCAL_PROFILE));
        return MasterKey.fromKeysetJson(DeploymentSettings.masterKeyset(local, keyset));
    }

    /**
     * The key topic: compacted, with the erasure bound as its compaction lag ({@code tend.keys.erasure-bound}). One
     * partition: every instance reads all of it, and erasures need no order across partitions.
     */
    @Bean
    public NewTopic tendParticipantKeysTopic(@Value("${tend.keys.erasure-bound:PT1H}") Duration erasureBound,
                                             @Value("${tend.messaging.replication-factor:1}") short replicas) {
        return TopicBuilder.name(KafkaKeyRecords.TOPIC).partitions(1).replicas(replicas)
                .configs(KafkaKeyRecords.topicConfig(erasureBound)).build();
    }

    @Bean(destroyMethod = "close")
    public KafkaKeyRecords participantKeyRecords(KafkaProperties kafka) {
        return new KafkaKeyRecords(kafka.buildAdminProperties());
    }

    /**
     * The participants' keys. Only the service where a participant's first event is written makes keys
     * ({@code tend.keys.makes-keys=true}: assessment-service, at enrolment); the others find them on the key topic and
     * write nothing about a participant who has none.
     */
    @Bean
    public ParticipantKeys participantKeys(MasterKey master, KafkaKeyRecords records,
                                           ObjectProvider<StoredKeyRecords> stored,
                                           @Value("${tend.keys.makes-keys:false}") boolean makesKeys) {
        return makesKeys ? new ParticipantKeys(master, stored.getObject(), true)
                : new ParticipantKeys(master, records, false);
    }

    /**
     * Where the service that makes keys keeps them first (its own MongoDB), so that a participant can enrol while the
     * broker is away and two instances cannot make them two keys; shared on the topic from there.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "tend.keys.makes-keys", havingValue = "true")
    public StoredKeyRecords storedKeyRecords(MongoDatabase database, KafkaKeyRecords records,
                                             @Value("${tend.keys.share-sweep:PT2S}") Duration sweep) {
        return new StoredKeyRecords(database, records, sweep);
    }

    /**
     * Whether records about a participant are sealed on the topics: always, but on the local stack, where a benchmark
     * may turn it off ({@code tend.keys.seal-records=false}) to measure its cost beside a stack without it.
     */
    @Bean
    public RecordSealing recordSealing(ParticipantKeys keys, @Value("${tend.keys.seal-records:true}") boolean seal,
                                       Environment environment) {
        DeploymentSettings.refuseUnsealedRecords(
                environment.acceptsProfiles(Profiles.of(DeploymentSettings.LOCAL_PROFILE)), seal);
        return new RecordSealing(seal ? keys : null);
    }

    /** How a producer of this service makes its records: sealing those about a participant with their key. */
    public record RecordSealing(ParticipantKeys keys) {

        /** The records, sealing (or, on the local stack's benchmark only, not). */
        public CloudEventRecords of(CloudEventRecords records) {
            return keys == null ? records : records.sealingWith(keys);
        }
    }

    @Bean
    public SealedFields sealedFields(ParticipantKeys keys) {
        return new SealedFields(keys);
    }

    /** Wraps Axon's event serializer, so that everything the event store holds or gives back passes through it. */
    @Bean
    public static BeanPostProcessor sealingEventSerializer(ObjectProvider<SealedFields> fields) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (EVENT_SERIALIZER.equals(beanName) && bean instanceof Serializer serializer
                        && !(bean instanceof SealingSerializer)) {
                    return new SealingSerializer(serializer, fields.getObject());
                }
                return bean;
            }
        };
    }
}

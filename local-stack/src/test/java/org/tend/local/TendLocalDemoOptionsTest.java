package org.tend.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tend.local.demo.DemoPlan;
import org.tend.security.DemoClock;

/** {@code --demo} and its size: the services get a demo clock in the data directory, and only then. */
class TendLocalDemoOptionsTest {

    @TempDir
    Path dir;

    @Test
    void demoSeedsTheFullProgrammeAndTheSizeOptionsImplyIt() {
        assertThat(TendLocal.demoSize(new String[] {"--memory"})).isEmpty();
        assertThat(TendLocal.demoSize(new String[] {"--demo"})).contains(DemoPlan.Size.FULL);
        assertThat(TendLocal.demoSize(new String[] {"--demo-participants", "60", "--demo-months", "3"}))
                .contains(new DemoPlan.Size(60, 3, DemoPlan.Size.FULL.seed()));
        assertThatThrownBy(() -> TendLocal.demoSize(new String[] {"--demo-months", "six"}))
                .hasMessageContaining("--demo-months");
        assertThatThrownBy(() -> TendLocal.configure(new String[] {"--demo-participants", "0"}))
                .hasMessageContaining("--demo-participants");
    }

    @Test
    void withDemoEveryServiceButTheGatewayReadsTheDemoClockOfTheDataDirectory() {
        LocalStack demo = TendLocal.configure(new String[] {"--demo", "--memory", "--free-ports", "--data-dir",
                dir.toString()}).build();
        Path clockFile = dir.toAbsolutePath().resolve(LocalStack.DEMO_CLOCK_FILE);

        assertThat(demo.demoClockFile()).contains(clockFile);
        for (TendService service : TendService.backends()) {
            assertThat(demo.environmentFor(service)).containsEntry(DemoClock.ENVIRONMENT_VARIABLE, clockFile.toString())
                    .containsEntry("SPRING_PROFILES_ACTIVE", "local");
        }
        assertThat(demo.environmentFor(TendService.GATEWAY)).doesNotContainKey(DemoClock.ENVIRONMENT_VARIABLE);
    }

    @Test
    void withoutDemoNoServiceHasADemoClock() {
        LocalStack plain = TendLocal.configure(new String[] {"--memory", "--free-ports", "--data-dir",
                dir.toString()}).build();

        assertThat(plain.demoClockFile()).isEmpty();
        for (TendService service : TendService.backends()) {
            assertThat(plain.environmentFor(service)).doesNotContainKey(DemoClock.ENVIRONMENT_VARIABLE);
        }
    }
}

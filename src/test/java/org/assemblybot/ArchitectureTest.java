package org.assemblybot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the core plain Java, its boundaries and its time injected (so tests never sleep). */
class ArchitectureTest {
    private static final String[] CORE_AND_FEATURES = {"org.assemblybot.core..", "org.assemblybot.feature.."};

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.assemblybot");
    }

    @Test
    void coreAndFeaturesKnowNothingOfMatrixKotlinQuartzOrTheEdges() {
        // A feature's own SQLite store is the one class that may use the SQLite adapter.
        ArchRule rule = noClasses().that().resideInAnyPackage(CORE_AND_FEATURES)
                .and().haveNameNotMatching(".*\\.Sqlite[^.]*")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "de.connect2x..", "io.ktor..", "kotlin..", "org.quartz..",
                        "org.assemblybot.adapter..", "org.assemblybot.app..");
        rule.check(production);
        noClasses().that().haveNameMatching(".*\\.Sqlite[^.]*").and().resideInAnyPackage(CORE_AND_FEATURES)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "de.connect2x..", "io.ktor..", "kotlin..", "org.quartz..", "org.assemblybot.app..",
                        "org.assemblybot.adapter.matrix..", "org.assemblybot.adapter.config..")
                .check(production);
    }

    @Test
    void theConfigAdapterKnowsNoFeature() {
        // Features declare their sections (core.config) and the app passes them in: a new feature's config
        // never needs an edit of the loader.
        noClasses().that().resideInAPackage("org.assemblybot.adapter.config..")
                .should().dependOnClassesThat().resideInAPackage("org.assemblybot.feature..")
                .check(production);
    }

    @Test
    void coreKnowsNoFeature() {
        // The core serves every feature alike; a feature's needs reach it as ports and declarations.
        noClasses().that().resideInAPackage("org.assemblybot.core..")
                .should().dependOnClassesThat().resideInAPackage("org.assemblybot.feature..")
                .check(production);
    }

    @Test
    void featuresDoNotKnowEachOther() {
        // What two features share belongs in the core (the feature kit, live messages, the scheduler), so
        // adding or removing one never breaks another.
        slices().matching("org.assemblybot.feature.(*)..").should().notDependOnEachOther().check(production);
    }

    @Test
    void onlyTheAppBuildsFeatures() {
        // Features are listed and wired in app.Features; adapters serve ports and never reach into a feature.
        noClasses().that().resideInAPackage("org.assemblybot.adapter..")
                .and().haveNameNotMatching(".*\\.Sqlite[^.]*")
                .should().dependOnClassesThat().resideInAPackage("org.assemblybot.feature..")
                .check(production);
    }

    @Test
    void onlySqliteStoresInCoreAndFeaturesTouchJdbc() {
        // Nested and anonymous classes of a Sqlite* store count as the store ("SqliteVoteStore$Row").
        ArchRule rule = noClasses().that().resideInAnyPackage(CORE_AND_FEATURES)
                .and().haveNameNotMatching(".*\\.Sqlite[^.]*")
                .should().dependOnClassesThat().resideInAPackage("java.sql..");
        rule.check(production);
    }

    @Test
    void onlyTheAppReadsTheWallClockOrSleeps() {
        // The Matrix adapter is the one exception: network retries and backoff run on real time, outside
        // anything a test drives with a fake clock.
        ArchRule rule = noClasses()
                .that().resideOutsideOfPackages("org.assemblybot.app..", "org.assemblybot.adapter.matrix..")
                .should().callMethodWhere(wallClockOrSleep())
                .because("time comes from an injected java.time.Clock, so tests never sleep");
        rule.check(production);
    }

    /** Instant.now() and friends without a Clock, Clock.system*(), System.currentTimeMillis(), Thread.sleep. */
    private static DescribedPredicate<JavaCall<?>> wallClockOrSleep() {
        return DescribedPredicate.describe("reads the wall clock or sleeps", call -> {
            String owner = call.getTargetOwner().getName();
            String name = call.getName();
            boolean noArguments = call.getTarget().getRawParameterTypes().isEmpty();
            return owner.startsWith("java.time.") && name.equals("now") && noArguments
                    || owner.equals(Clock.class.getName()) && name.startsWith("system")
                    || owner.equals(System.class.getName()) && name.equals("currentTimeMillis")
                    || owner.equals(Thread.class.getName()) && name.equals("sleep");
        });
    }
}

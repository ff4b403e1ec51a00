package io.flk.api.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.serialization.Revision;
import org.springframework.web.bind.annotation.RestController;

/** The dependency rules of DESIGN.md section 2 and the message conventions of section 4. */
@AnalyzeClasses(packages = "io.flk", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] SQL = {"org.jooq..", "java.sql..", "javax.sql..", "io.flk.db.."};

    @ArchTest
    static final ArchRule domainIsPureLanguage = noClasses().that().resideInAPackage("io.flk.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(concat(SQL, "org.springframework..",
                    "io.flk.commands..", "io.flk.projections..", "io.flk.sagas..", "io.flk.api..",
                    "io.flk.compliance.."));

    @ArchTest
    static final ArchRule commandsUseNoSqlAndNoReadSide = noClasses().that().resideInAPackage("io.flk.commands..")
            .should().dependOnClassesThat().resideInAnyPackage(concat(SQL, "io.flk.projections..",
                    "io.flk.sagas..", "io.flk.api.."));

    @ArchTest
    static final ArchRule sagasUseNoSqlAndDriveOnlyByMessages = noClasses().that().resideInAPackage("io.flk.sagas..")
            .should().dependOnClassesThat().resideInAnyPackage(concat(SQL, "io.flk.commands..",
                    "io.flk.projections..", "io.flk.api.."));

    @ArchTest
    static final ArchRule projectionsKnowNeitherWriteSideNorApi = noClasses().that()
            .resideInAPackage("io.flk.projections..")
            .should().dependOnClassesThat().resideInAnyPackage("io.flk.commands..", "io.flk.sagas..", "io.flk.api..");

    @ArchTest
    static final ArchRule controllersNeverTouchJooq = noClasses().that().areAnnotatedWith(RestController.class)
            .should().dependOnClassesThat().resideInAnyPackage(SQL);

    @ArchTest
    static final ArchRule complianceExportDependsOnlyOnTheDomain = noClasses().that()
            .resideInAPackage("io.flk.compliance..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.flk.commands..",
                    "io.flk.projections..", "io.flk.sagas..", "io.flk.api..");

    @ArchTest
    static final ArchRule everyEventCarriesARevision = classes().that().resideInAPackage("io.flk.domain..")
            .and().areRecords().and(implementAnEventFamily())
            .should().beAnnotatedWith(Revision.class);

    /** Messages are the classes nested in a message family: {@code *Commands}, {@code *Queries}, {@code *Event}. */
    @ArchTest
    static final ArchRule messagesAreRecords = classes().that().resideInAPackage("io.flk.domain..")
            .and().areNestedClasses()
            .and(nestedInAMessageFamily())
            .and().areNotEnums().and().areNotInterfaces()
            .and().doNotHaveModifier(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT)
            .and().areNotAssignableTo(Throwable.class)
            .should().beRecords();

    private static DescribedPredicate<JavaClass> implementAnEventFamily() {
        return DescribedPredicate.describe("implement an event family (a sealed interface named *Event)",
                type -> type.getRawInterfaces().stream().anyMatch(family -> family.getSimpleName().endsWith("Event")));
    }

    private static DescribedPredicate<JavaClass> nestedInAMessageFamily() {
        return DescribedPredicate.describe("are nested in a message family (*Commands, *Queries, *Event)",
                type -> type.getEnclosingClass().map(JavaClass::getSimpleName)
                        .filter(name -> name.endsWith("Commands") || name.endsWith("Queries") || name.endsWith("Event"))
                        .isPresent());
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}

package org.siamesekit.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

/**
 * The package structure that each package-info.java describes: which kit
 * packages each package may use (the arrows point one way), and no cycles.
 */
class ArchitectureTest {
    private static final String KIT = "org.siamesekit.";
    /** For each package of lib, the other kit packages it may use. */
    private static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            Map.entry("files", Set.of()),
            Map.entry("readers", Set.of()),
            Map.entry("backend", Set.of()),
            Map.entry("models.samediff", Set.of()),
            Map.entry("augment", Set.of()),
            Map.entry("optim", Set.of()),
            Map.entry("display", Set.of()),
            Map.entry("data", Set.of("readers", "files")),
            Map.entry("pairs", Set.of("data")),
            Map.entry("tasks", Set.of("data", "pairs")),
            Map.entry("evaluation", Set.of("data", "pairs", "tasks")),
            Map.entry("models", Set.of("models.samediff", "optim", "pairs", "evaluation", "backend", "files")),
            Map.entry("charts", Set.of("optim", "evaluation")),
            Map.entry("pictures", Set.of("data", "pairs", "tasks", "evaluation")),
            Map.entry("tables", Set.of("evaluation", "files", "display")),
            Map.entry("training", Set.of("models", "models.samediff", "optim", "pairs", "data", "charts", "backend",
                    "notebook", "augment", "evaluation")),
            Map.entry("gallery", Set.of("models", "evaluation", "readers", "files")),
            Map.entry("notebook", Set.of("backend", "files", "tables", "display", "kernel")));

    private static final JavaClasses LIB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.siamesekit");

    @Test
    void eachPackageUsesOnlyThePackagesItsDescriptionAllows() {
        Set<String> violations = new TreeSet<>();
        for (JavaClass c : LIB) {
            String from = kitPackage(c);
            if (from == null || from.startsWith("kernel")) continue;
            Set<String> allowed = MAY_USE.get(from);
            if (allowed == null) {
                violations.add(from + " is a package the architecture test does not know: add it to MAY_USE");
                continue;
            }
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = kitPackage(d.getTargetClass());
                if (to != null && !to.equals(from) && !allowed.contains(to)) violations.add(from + " -> " + to + ": " + d.getDescription());
            }
        }
        assertEquals(Set.of(), violations);
    }

    @Test
    void packagesHaveNoCycles() {
        SlicesRuleDefinition.slices().matching("org.siamesekit.(**)").should().beFreeOfCycles().check(LIB);
    }

    @Test
    void everyPackageSaysWhatItHoldsAndWhatItMayUse() {
        Set<String> missing = new TreeSet<>();
        for (JavaClass c : LIB) {
            String pkg = kitPackage(c);
            if (pkg == null || pkg.startsWith("kernel") || pkg.equals("display")) continue;
            Path info = Path.of("src/main/java", c.getPackageName().replace('.', '/'), "package-info.java");
            if (!Files.isRegularFile(info)) missing.add(info.toString());
        }
        assertEquals(Set.of(), missing);
        assertTrue(MAY_USE.keySet().size() >= 17);
    }

    /** "models.samediff" for org.siamesekit.models.samediff.X; null outside the kit. */
    private static String kitPackage(JavaClass c) {
        String p = c.getPackageName();
        return p.startsWith(KIT) ? p.substring(KIT.length()) : null;
    }
}

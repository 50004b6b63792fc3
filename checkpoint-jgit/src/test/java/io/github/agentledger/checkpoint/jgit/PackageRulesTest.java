package io.github.agentledger.checkpoint.jgit;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layout of checkpoint-jgit (README, "Where the code lives"), checked on the compiled
 * main classes and, for imports that leave no trace in bytecode, on the sources.
 *
 * <ul>
 *   <li>{@code …jgit}: the entry type, its options and the stores;
 *   <li>{@code …jgit.redact}: finding and replacing secrets;
 *   <li>{@code …jgit.sync}: push and fetch;
 *   <li>{@code …jgit.internal}: what they share; not exported.
 * </ul>
 *
 * <p>No arrow points up: {@code internal} and {@code redact} never use the stores or the entry
 * type, and {@code sync} uses none of the stores. The one type of {@code …jgit} that
 * {@code internal} and {@code sync} may use is {@link RetryPolicy}, a configuration value.
 */
class PackageRulesTest {
  private static final String BASE = "io.github.agentledger.checkpoint.jgit";
  private static final String INTERNAL = BASE + ".internal";
  private static final String REDACT = BASE + ".redact";
  private static final String SYNC = BASE + ".sync";
  private static final String INTERNAL_NOTE = "Internal, may change without notice.";

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() throws URISyntaxException {
    main = new ClassFileImporter().importPath(mainClasses());
    assertThat(main.containPackage(BASE)).as("main classes found in %s", mainClasses()).isTrue();
  }

  @Test
  void internalUsesNeitherTheStoresNorTheEntryTypeNorTheConceptPackages() {
    ArchRule rule = noClasses().that().resideInAPackage(INTERNAL + "..")
        .should().dependOnClassesThat(resideInAPackage(BASE)
            .and(not(belongToAnyOf(RetryPolicy.class)))
            .or(resideInAPackage(SYNC + ".."))
            .or(resideInAPackage(REDACT + "..")))
        .because("internal holds what the concept packages share; it must not reach back up");
    rule.check(main);
  }

  @Test
  void redactUsesNeitherTheStoresNorTheEntryTypeNorSync() {
    ArchRule rule = noClasses().that().resideInAPackage(REDACT + "..")
        .should().dependOnClassesThat(resideInAPackage(BASE).or(resideInAPackage(SYNC + "..")))
        .because("redaction is a concept of its own that the stores use, never the reverse")
        // The package arrives with the redaction branch; until then the rule has nothing to check.
        .allowEmptyShould(true);
    rule.check(main);
  }

  @Test
  void syncUsesNoStore() {
    ArchRule rule = noClasses().that().resideInAPackage(SYNC + "..")
        .should().dependOnClassesThat(resideInAPackage(BASE)
            .and(not(belongToAnyOf(RetryPolicy.class))))
        .because("push and fetch move refs; they never go through a store");
    rule.check(main);
  }

  @Test
  void internalAndRedactSourcesImportNothingFromTheStorePackageButTheRetryPolicy()
      throws IOException {
    // Catches what bytecode cannot show: an import used only by Javadoc, or not at all.
    Pattern storeImport = Pattern.compile(
        "^import (?:static )?" + Pattern.quote(BASE) + "\\.([A-Z]\\w*)", Pattern.MULTILINE);
    List<String> violations = new ArrayList<>();
    for (String pkg : List.of(INTERNAL, REDACT)) {
      for (Path source : sources(pkg)) {
        Matcher m = storeImport.matcher(Files.readString(source, StandardCharsets.UTF_8));
        while (m.find()) {
          if (!m.group(1).equals("RetryPolicy")) {
            violations.add(source.getFileName() + " imports " + BASE + "." + m.group(1));
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void everyPublicTypeOfInternalSaysItIsInternal() throws IOException {
    Pattern publicType = Pattern.compile(
        "^public (?:final |abstract |sealed )*(?:class|record|enum|interface) ", Pattern.MULTILINE);
    List<Path> sources = sources(INTERNAL);
    assertThat(sources).isNotEmpty();
    List<String> unmarked = new ArrayList<>();
    for (Path source : sources) {
      String text = Files.readString(source, StandardCharsets.UTF_8);
      if (publicType.matcher(text).find() && !text.contains(INTERNAL_NOTE)) {
        unmarked.add(source.getFileName().toString());
      }
    }
    assertThat(unmarked).isEmpty();
  }

  @Test
  void theModuleExportsTheConceptPackagesAndNotInternal() throws Exception {
    ModuleDescriptor descriptor;
    try (InputStream in = Files.newInputStream(mainClasses().resolve("module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }
    Set<String> exported = descriptor.exports().stream()
        .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    assertThat(main.containPackage(INTERNAL)).isTrue();
    Set<String> expected = main.containPackage(REDACT) ? Set.of(BASE, SYNC, REDACT)
        : Set.of(BASE, SYNC);
    assertThat(exported).isEqualTo(expected);
  }

  private static Path mainClasses() throws URISyntaxException {
    return Path.of(JGitCheckpointStore.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
  }

  /** The main sources of a package, relative to the module's directory (surefire's working dir). */
  private static List<Path> sources(String pkg) throws IOException {
    Path dir = Path.of("src", "main", "java").resolve(pkg.replace('.', '/'));
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }
}

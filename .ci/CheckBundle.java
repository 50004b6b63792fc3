import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Checks a Maven Central bundle (central-bundle.zip) against what the portal requires, for every
 * module the reactor publishes.
 *
 * <p>Usage: {@code java .ci/CheckBundle.java <bundle.zip> <repository root>}. The expected
 * artifacts come from the root pom: every {@code <module>} not named in the central publishing
 * plugin's {@code excludeArtifacts}, plus the parent pom itself. A {@code jar} module must ship
 * its jar (class files, and module-info.class when its sources have one), sources jar (Java
 * sources) and javadoc jar (HTML pages), each with META-INF/LICENSE; every module its pom. Every file needs an ASCII-armoured
 * signature that gpg verifies (when {@code --no-verify-signatures} is not given) and MD5 and SHA-1
 * checksums that match (SHA-256 and SHA-512 are checked when present). Every pom needs a name,
 * a description, and (directly or from the parent in the bundle) a url, a licence, developers
 * with a contact, and scm. All versions are equal and not snapshots; the BOM manages every
 * published jar module; excluded modules are absent. Exits 1 naming every failed check.
 */
public final class CheckBundle {
  private static final String GROUP_PATH = "io/github/agentledger/";
  private static final List<String> SIGNATURE_AND_CHECKSUMS =
      List.of(".asc", ".md5", ".sha1", ".sha256", ".sha512");

  private final Map<String, byte[]> files = new TreeMap<>();
  private final List<String> failures = new ArrayList<>();
  private int passed;

  public static void main(String[] args) throws Exception {
    boolean verifySignatures = true;
    List<String> positional = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("--no-verify-signatures")) {
        verifySignatures = false;
      } else {
        positional.add(arg);
      }
    }
    if (positional.size() != 2) {
      System.err.println("usage: java .ci/CheckBundle.java [--no-verify-signatures] "
          + "<central-bundle.zip> <repository root>");
      System.exit(2);
    }
    CheckBundle check = new CheckBundle();
    check.run(Path.of(positional.get(0)), Path.of(positional.get(1)), verifySignatures);
    for (String failure : check.failures) {
      System.out.println("FAILED: " + failure);
    }
    // Not worded as a test summary ("N passed, N failed"): the tests' summary is Surefire's.
    int total = check.passed + check.failures.size();
    System.out.println(check.failures.isEmpty()
        ? "bundle check: all " + total + " checks hold"
        : "bundle check: " + check.failures.size() + " of " + total + " checks do not hold");
    System.exit(check.failures.isEmpty() ? 0 : 1);
  }

  private void run(Path bundle, Path root, boolean verifySignatures) throws Exception {
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(bundle))) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        if (!entry.isDirectory()) {
          files.put(entry.getName(), zip.readAllBytes());
        }
      }
    }
    Document rootPom = parse(Files.readAllBytes(root.resolve("pom.xml")));
    String parentId = text(rootPom.getDocumentElement(), "artifactId");
    String version = text(rootPom.getDocumentElement(), "version");
    check(!version.endsWith("-SNAPSHOT"), "the bundle is built from a release version, not "
        + version);

    Set<String> excluded = new TreeSet<>();
    NodeList artifacts = rootPom.getElementsByTagName("excludeArtifacts");
    for (int i = 0; i < artifacts.getLength(); i++) {
      for (Element artifact : children((Element) artifacts.item(i), "artifact")) {
        excluded.add(artifact.getTextContent().trim());
      }
    }
    check(!excluded.isEmpty(), "the root pom lists excludeArtifacts");

    // artifactId -> packaging, in reactor order; the parent first.
    Map<String, String> published = new LinkedHashMap<>();
    Map<String, Path> sourceDirs = new TreeMap<>();
    published.put(parentId, "pom");
    for (Element module : children(child(rootPom.getDocumentElement(), "modules"), "module")) {
      Path dir = root.resolve(module.getTextContent().trim());
      Element pom = parse(Files.readAllBytes(dir.resolve("pom.xml"))).getDocumentElement();
      String artifactId = text(pom, "artifactId");
      if (excluded.contains(artifactId)) {
        check(files.keySet().stream().noneMatch(f -> f.startsWith(GROUP_PATH + artifactId + "/")),
            artifactId + " is excluded from the bundle");
        continue;
      }
      String packaging = text(pom, "packaging");
      published.put(artifactId, packaging.isEmpty() ? "jar" : packaging);
      sourceDirs.put(artifactId, dir);
    }

    Set<String> expectedDirs = new TreeSet<>();
    for (Map.Entry<String, String> module : published.entrySet()) {
      String artifactId = module.getKey();
      String base = GROUP_PATH + artifactId + "/" + version + "/" + artifactId + "-" + version;
      expectedDirs.add(GROUP_PATH + artifactId + "/" + version + "/");
      List<String> required = new ArrayList<>(List.of(base + ".pom"));
      if (module.getValue().equals("jar")) {
        required.addAll(List.of(base + ".jar", base + "-sources.jar", base + "-javadoc.jar"));
      }
      for (String file : required) {
        check(files.containsKey(file), "present: " + file);
      }
      if (module.getValue().equals("jar")) {
        checkJar(base + ".jar", ".class", sourceDirs.get(artifactId).resolve(
            "src/main/java/module-info.java").toFile().exists());
        checkJar(base + "-sources.jar", ".java", false);
        checkJar(base + "-javadoc.jar", ".html", false);
      }
      if (files.containsKey(base + ".pom")) {
        checkPom(artifactId, parse(files.get(base + ".pom")).getDocumentElement(),
            GROUP_PATH + parentId + "/" + version + "/" + parentId + "-" + version + ".pom",
            version);
      }
    }

    for (String file : files.keySet()) {
      String dir = file.substring(0, file.lastIndexOf('/') + 1);
      check(expectedDirs.contains(dir), "only published modules in the bundle: " + file);
      if (isPrimary(file)) {
        checkSignatureAndChecksums(file, verifySignatures);
      }
    }

    String bomFile = GROUP_PATH + "agentledger-bom/" + version + "/agentledger-bom-" + version
        + ".pom";
    if (check(files.containsKey(bomFile), "the bundle holds agentledger-bom")) {
      Set<String> managed = new TreeSet<>();
      Element bom = parse(files.get(bomFile)).getDocumentElement();
      for (Element dependency : children(child(child(bom, "dependencyManagement"),
          "dependencies"), "dependency")) {
        managed.add(text(dependency, "artifactId"));
        check(text(dependency, "groupId").equals("io.github.agentledger")
            && !text(dependency, "version").contains("SNAPSHOT"),
            "agentledger-bom manages " + text(dependency, "artifactId") + " at a release version");
      }
      for (Map.Entry<String, String> module : published.entrySet()) {
        if (module.getValue().equals("jar")) {
          check(managed.contains(module.getKey()), "agentledger-bom manages " + module.getKey());
        }
      }
    }
  }

  /**
   * Checks that a jar of the bundle holds META-INF/LICENSE, at least one file of its kind (class
   * files, Java sources, HTML pages) and, for a modular library's jar, its module-info.class.
   */
  private void checkJar(String name, String kind, boolean modular) throws IOException {
    byte[] jar = files.get(name);
    if (jar == null) {
      return;
    }
    Set<String> entries = new TreeSet<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        entries.add(entry.getName());
      }
    }
    check(entries.contains("META-INF/LICENSE"), name + " holds META-INF/LICENSE");
    check(entries.stream().anyMatch(e -> e.endsWith(kind)), name + " holds " + kind + " files");
    if (modular) {
      check(entries.contains("module-info.class"), name + " holds module-info.class");
    }
  }

  private void checkPom(String artifactId, Element pom, String parentPomFile, String version)
      throws Exception {
    check(!text(pom, "name").isEmpty(), artifactId + ".pom has a name");
    check(!text(pom, "description").isEmpty(), artifactId + ".pom has a description");
    String ownVersion = text(pom, "version").isEmpty()
        ? text(child(pom, "parent"), "version") : text(pom, "version");
    check(ownVersion.equals(version), artifactId + ".pom has version " + version + " (has "
        + ownVersion + ")");
    Element parent = child(pom, "parent");
    Element inherited = null;
    if (parent != null) {
      check(files.containsKey(parentPomFile), artifactId + "'s parent pom is in the bundle");
      if (files.containsKey(parentPomFile)) {
        inherited = parse(files.get(parentPomFile)).getDocumentElement();
      }
    }
    Element source = pom;
    for (String element : List.of("url", "licenses", "developers", "scm")) {
      source = child(pom, element) != null || inherited == null ? pom : inherited;
      check(child(source, element) != null, artifactId + ".pom has " + element
          + (source == pom ? "" : " (from its parent)"));
    }
    Element licenses = child(pom, "licenses") != null || inherited == null ? pom : inherited;
    for (Element license : children(child(licenses, "licenses"), "license")) {
      check(text(license, "name").contains("Apache") && !text(license, "url").isEmpty(),
          artifactId + ".pom names the Apache licence with its url");
    }
    Element developers = child(pom, "developers") != null || inherited == null ? pom : inherited;
    for (Element developer : children(child(developers, "developers"), "developer")) {
      check(!text(developer, "name").isEmpty() && (!text(developer, "email").isEmpty()
          || !text(developer, "url").isEmpty() || !text(developer, "organizationUrl").isEmpty()),
          artifactId + ".pom: developer " + text(developer, "name") + " has a contact");
    }
    Element scm = child(pom, "scm") != null || inherited == null ? pom : inherited;
    check(!text(child(scm, "scm"), "url").isEmpty()
        && !text(child(scm, "scm"), "connection").isEmpty(),
        artifactId + ".pom: scm has url and connection");
  }

  private void checkSignatureAndChecksums(String file, boolean verifySignatures)
      throws Exception {
    byte[] content = files.get(file);
    byte[] signature = files.get(file + ".asc");
    if (check(signature != null, "signed: " + file)) {
      check(new String(signature, java.nio.charset.StandardCharsets.US_ASCII)
          .startsWith("-----BEGIN PGP SIGNATURE-----"), "armoured signature: " + file + ".asc");
      if (verifySignatures) {
        check(gpgVerifies(content, signature), "gpg verifies " + file + ".asc");
      }
    }
    Map<String, String> algorithms = Map.of(".md5", "MD5", ".sha1", "SHA-1",
        ".sha256", "SHA-256", ".sha512", "SHA-512");
    for (Map.Entry<String, String> algorithm : new TreeMap<>(algorithms).entrySet()) {
      byte[] sum = files.get(file + algorithm.getKey());
      boolean required = algorithm.getKey().equals(".md5") || algorithm.getKey().equals(".sha1");
      if (sum == null) {
        check(!required, "checksum " + algorithm.getValue() + ": " + file);
        continue;
      }
      String expected = new String(sum, java.nio.charset.StandardCharsets.US_ASCII).trim()
          .split("\\s+")[0];
      check(expected.equalsIgnoreCase(digest(algorithm.getValue(), content)),
          "checksum " + algorithm.getValue() + " matches: " + file);
    }
  }

  private static boolean gpgVerifies(byte[] content, byte[] signature) throws Exception {
    Path dir = Files.createTempDirectory("check-bundle");
    try {
      Path data = Files.write(dir.resolve("data"), content);
      Path asc = Files.write(dir.resolve("data.asc"), signature);
      Process gpg = new ProcessBuilder("gpg", "--batch", "--verify", asc.toString(),
          data.toString()).redirectErrorStream(true).start();
      gpg.getOutputStream().close();
      String output = new String(gpg.getInputStream().readAllBytes());
      int exit = gpg.waitFor();
      if (exit != 0) {
        System.out.println(output.strip());
      }
      return exit == 0;
    } finally {
      try (var walk = Files.list(dir)) {
        for (Path p : (Iterable<Path>) walk::iterator) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  private static boolean isPrimary(String file) {
    return SIGNATURE_AND_CHECKSUMS.stream().noneMatch(file::endsWith);
  }

  private static String digest(String algorithm, byte[] content) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
  }

  private boolean check(boolean ok, String what) {
    if (ok) {
      passed++;
    } else {
      failures.add(what);
    }
    return ok;
  }

  private static Document parse(byte[] xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    try (InputStream in = new ByteArrayInputStream(xml)) {
      return factory.newDocumentBuilder().parse(in);
    }
  }

  /** The direct child element of that name, or null. */
  private static Element child(Element parent, String name) {
    if (parent == null) {
      return null;
    }
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        return element;
      }
    }
    return null;
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    if (parent == null) {
      return found;
    }
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        found.add(element);
      }
    }
    return found;
  }

  /** The trimmed text of the direct child element of that name, empty when there is none. */
  private static String text(Element parent, String name) {
    Element element = child(parent, name);
    return element == null ? "" : element.getTextContent().trim();
  }
}

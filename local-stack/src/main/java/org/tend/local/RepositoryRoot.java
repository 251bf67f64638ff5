package org.tend.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Locates the Tend repository: the directory whose {@code pom.xml} is the project {@code tend} itself.
 *
 * <p>Why: the launcher runs the services' exec jars from their modules' {@code target} directories, and it
 * may be started from the repository root, from {@code local-stack}, from an IDE or from the exec jar. A
 * module pom also mentions {@code <artifactId>tend</artifactId>} (in its {@code <parent>}), so the pom is
 * parsed and only the project's own {@code artifactId} counts.
 *
 * <p>Order: the system property {@code tend.root}, the environment variable {@code TEND_ROOT}, then upwards
 * from the working directory, then upwards from where this class was loaded from.
 */
public final class RepositoryRoot {

    /** The root project's artifactId. */
    public static final String ROOT_ARTIFACT_ID = "tend";

    private RepositoryRoot() {
    }

    /** The repository root, or an exception that says how to point at it. */
    public static Path locate() {
        String explicit = System.getProperty("tend.root");
        if (explicit == null || explicit.isBlank()) {
            explicit = System.getenv("TEND_ROOT");
        }
        if (explicit != null && !explicit.isBlank()) {
            Path root = Path.of(explicit).toAbsolutePath().normalize();
            if (!isRoot(root)) {
                throw new IllegalStateException(root + " (from tend.root / TEND_ROOT) has no pom.xml of project '"
                        + ROOT_ARTIFACT_ID + "'");
            }
            return root;
        }
        Optional<Path> found = findUpwards(Path.of("").toAbsolutePath());
        if (found.isEmpty()) {
            found = codeLocation().flatMap(RepositoryRoot::findUpwards);
        }
        return found.orElseThrow(() -> new IllegalStateException("cannot find the Tend repository (a pom.xml with "
                + "<artifactId>tend</artifactId>) above " + Path.of("").toAbsolutePath()
                + "; run from inside the repository or pass -Dtend.root=<dir> / TEND_ROOT=<dir>"));
    }

    /** The nearest directory at or above {@code start} whose pom.xml is project {@code tend}. */
    public static Optional<Path> findUpwards(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code dir}/pom.xml is project {@code tend} (not a module whose parent is tend). */
    public static boolean isRoot(Path dir) {
        return ownElement(dir.resolve("pom.xml"), "artifactId").map(ROOT_ARTIFACT_ID::equals).orElse(false);
    }

    /** The project's version in {@code root}/pom.xml (the exec jars carry it in their names). */
    public static String version(Path root) {
        return ownElement(root.resolve("pom.xml"), "version")
                .orElseThrow(() -> new IllegalStateException("no <version> in " + root.resolve("pom.xml")));
    }

    private static Optional<String> ownElement(Path pom, String name) {
        if (!Files.isRegularFile(pom)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(pom)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            Element project = builder.parse(in).getDocumentElement();
            for (Node child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element && name.equals(localName(element))) {
                    return Optional.of(element.getTextContent().trim());
                }
            }
            return Optional.empty();
        } catch (IOException | ParserConfigurationException | SAXException e) {
            return Optional.empty();
        }
    }

    private static String localName(Element element) {
        return element.getLocalName() != null ? element.getLocalName() : element.getTagName();
    }

    private static Optional<Path> codeLocation() {
        try {
            var source = RepositoryRoot.class.getProtectionDomain().getCodeSource();
            if (source != null && "file".equals(source.getLocation().getProtocol())) {
                return Optional.of(Path.of(source.getLocation().toURI()));
            }
            // Inside Boot's exec jar the code source is a nested URL; the jar itself is the class path.
            String first = System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)[0];
            return first.isBlank() ? Optional.empty() : Optional.of(Path.of(first).toAbsolutePath());
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

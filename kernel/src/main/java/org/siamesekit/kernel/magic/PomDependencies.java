package org.siamesekit.kernel.magic;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.apache.maven.model.Model;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * What {@code %loadFromPOM} / {@code %%loadFromPOM} read from a POM: its
 * dependencies (filtered by scope) and its repositories. As IJava documents, a
 * body that is not a whole {@code <project>} is taken as fragments: every
 * {@code <dependency>} and {@code <repository>} in it, loose or inside
 * {@code <dependencies>}/{@code <repositories>}, is collected. {@code ${name}}
 * is replaced from the POM's {@code <properties>} and {@code project.*}; parent
 * POMs and imported BOMs are not read, so each dependency needs its version.
 */
public final class PomDependencies {
    /** The scopes taken when the magic names none, as in IJava. */
    public static final Set<String> DEFAULT_SCOPES = Set.of("compile", "runtime", "system", "import");
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private final List<Dependency> dependencies;
    private final List<RemoteRepository> repositories;

    private PomDependencies(List<Dependency> dependencies, List<RemoteRepository> repositories) {
        this.dependencies = dependencies;
        this.repositories = repositories;
    }

    public List<Dependency> dependencies() {
        return dependencies;
    }

    public List<RemoteRepository> repositories() {
        return repositories;
    }

    /** Reads a POM or POM fragments; where names the source in errors (a file, or "the cell"). */
    public static PomDependencies parse(String text, Set<String> scopes, String where) {
        String xml = text.strip();
        if (!xml.startsWith("<project") && !xml.startsWith("<?xml")) xml = fromFragments(xml, where);
        Model model;
        try {
            model = new MavenXpp3Reader().read(new StringReader(xml), false);
        } catch (IOException | XmlPullParserException e) {
            throw new IllegalArgumentException(where + " is not a readable POM: " + e.getMessage(), e);
        }
        Map<String, String> props = new HashMap<>();
        model.getProperties().forEach((k, v) -> props.put(k.toString(), v.toString()));
        if (model.getVersion() != null) props.put("project.version", model.getVersion());
        if (model.getGroupId() != null) props.put("project.groupId", model.getGroupId());

        List<Dependency> deps = new ArrayList<>();
        for (org.apache.maven.model.Dependency d : model.getDependencies()) {
            String scope = d.getScope() == null ? "compile" : d.getScope();
            if (!scopes.contains(scope)) continue;
            String id = d.getGroupId() + ":" + d.getArtifactId();
            String version = interpolate(d.getVersion(), props, where, id);
            if (version == null || version.isBlank()) {
                throw new IllegalArgumentException(where + ": dependency " + id + " has no <version> (versions from"
                        + " parent POMs or <dependencyManagement> are not read here)");
            }
            String type = d.getType() == null ? "jar" : d.getType();
            String classifier = d.getClassifier();
            if (type.equals("test-jar")) {
                type = "jar";
                classifier = "tests";
            }
            List<Exclusion> exclusions = new ArrayList<>();
            for (org.apache.maven.model.Exclusion e : d.getExclusions()) {
                exclusions.add(new Exclusion(e.getGroupId(), e.getArtifactId(), "*", "*"));
            }
            // The chosen scopes decide what is loaded; on the classpath each is a compile dependency.
            deps.add(new Dependency(new DefaultArtifact(interpolate(d.getGroupId(), props, where, id),
                    interpolate(d.getArtifactId(), props, where, id), classifier, type, version),
                    JavaScopes.COMPILE, d.isOptional(), exclusions));
        }
        List<RemoteRepository> repos = new ArrayList<>();
        for (org.apache.maven.model.Repository r : model.getRepositories()) {
            if (r.getUrl() == null || r.getId() == null) {
                throw new IllegalArgumentException(where + ": a <repository> needs both <id> and <url>");
            }
            repos.add(new RemoteRepository.Builder(r.getId(), "default", interpolate(r.getUrl(), props, where, r.getId())).build());
        }
        return new PomDependencies(deps, repos);
    }

    private static String interpolate(String value, Map<String, String> props, String where, String owner) {
        if (value == null) return null;
        Matcher m = PROPERTY.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = props.get(m.group(1));
            if (v == null) throw new IllegalArgumentException(where + ": " + owner + " uses ${" + m.group(1)
                    + "}, which the POM does not define in <properties>");
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Builds a POM from loose dependency and repository elements. */
    static String fromFragments(String body, String where) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = f.newDocumentBuilder().parse(new InputSource(new StringReader("<fragments>" + body + "</fragments>")));
        } catch (Exception e) {
            throw new IllegalArgumentException(where + " is not well-formed XML: " + e.getMessage(), e);
        }
        StringBuilder pom = new StringBuilder("<project><modelVersion>4.0.0</modelVersion>"
                + "<groupId>notebook</groupId><artifactId>load-from-pom</artifactId><version>0</version>");
        Element root = doc.getDocumentElement();
        copyElement(root, "properties", pom, where);
        pom.append("<dependencies>");
        appendAll(root.getElementsByTagName("dependency"), pom);
        pom.append("</dependencies><repositories>");
        appendAll(root.getElementsByTagName("repository"), pom);
        pom.append("</repositories></project>");
        return pom.toString();
    }

    private static void copyElement(Element root, String name, StringBuilder pom, String where) {
        NodeList found = root.getElementsByTagName(name);
        if (found.getLength() > 0) pom.append(serialize(found.item(0)));
    }

    private static void appendAll(NodeList nodes, StringBuilder pom) {
        for (int i = 0; i < nodes.getLength(); i++) pom.append(serialize(nodes.item(i)));
    }

    private static String serialize(Node node) {
        try {
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(node), new StreamResult(w));
            return w.toString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write back an XML element: " + e.getMessage(), e);
        }
    }
}

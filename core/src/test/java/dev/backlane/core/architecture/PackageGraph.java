package dev.backlane.core.architecture;

import static java.util.Objects.requireNonNull;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Which package uses which, read from compiled classes' constant pools: the classes a class names
 * (its own, its members' and its generic signatures' types). String constants are left out, so a
 * resource path such as {@code dev/backlane/core/data/regions.json} is not a dependency. Used to keep
 * package cycles out of the build: a test fails as soon as one appears.
 */
public final class PackageGraph {
    private final String rootPackage;
    /** package -> package it uses -> one class of the first that uses one class of the second, for the message. */
    private final Map<String, Map<String, String>> edges = new TreeMap<>();

    private PackageGraph(String rootPackage) {
        this.rootPackage = requireNonNull(rootPackage, "rootPackage is null");
    }

    /** The dependencies among packages under {@code rootPackage} of every class file under {@code classRoots}. */
    public static PackageGraph of(String rootPackage, List<Path> classRoots) {
        PackageGraph graph = new PackageGraph(rootPackage);
        forEachClass(classRoots, graph::add);
        return graph;
    }

    /** Each class under {@code classRoots} that names a type {@code forbidden} accepts, with those types ({@code a.b.C}). */
    public static Map<String, Set<String>> classesNaming(List<Path> classRoots, Predicate<String> forbidden) {
        Map<String, Set<String>> found = new TreeMap<>();
        forEachClass(classRoots, names -> names.stream().map(name -> name.replace('/', '.')).filter(forbidden)
                .forEach(type -> found.computeIfAbsent(names.get(0).replace('/', '.'), key -> new TreeSet<>()).add(type)));
        return found;
    }

    private static void forEachClass(List<Path> classRoots, Consumer<List<String>> typeNames) {
        for (Path root : classRoots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        typeNames.accept(ConstantPool.referencedTypeNames(new DataInputStream(in)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The directory or jar a class was loaded from. */
    public static Path classRootOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public Set<String> packages() {
        Set<String> packages = new TreeSet<>(edges.keySet());
        edges.values().forEach(uses -> packages.addAll(uses.keySet()));
        return packages;
    }

    public Set<String> uses(String packageName) {
        return edges.getOrDefault(packageName, Map.of()).keySet();
    }

    /**
     * The cycles among packages (strongly connected sets of more than one package), each described by
     * its packages and, for every dependency inside it, one class that makes it.
     */
    public List<String> cycles() {
        List<String> described = new ArrayList<>();
        for (Set<String> component : stronglyConnected()) {
            StringBuilder text = new StringBuilder(String.join(" <-> ", component)).append(':');
            for (String from : component) {
                for (Map.Entry<String, String> use : edges.getOrDefault(from, Map.of()).entrySet()) {
                    if (component.contains(use.getKey()) && !use.getKey().equals(from)) {
                        text.append("\n  ").append(from).append(" -> ").append(use.getKey()).append(" (").append(use.getValue()).append(')');
                    }
                }
            }
            described.add(text.toString());
        }
        return described;
    }

    private List<Set<String>> stronglyConnected() {
        // Tarjan's algorithm; the graph is a few dozen packages, so recursion depth is no concern.
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> lowLink = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<Set<String>> components = new ArrayList<>();
        for (String node : packages()) {
            if (!index.containsKey(node)) {
                connect(node, index, lowLink, stack, onStack, components);
            }
        }
        return components;
    }

    private void connect(String node, Map<String, Integer> index, Map<String, Integer> lowLink, Deque<String> stack, Set<String> onStack,
            List<Set<String>> components) {
        index.put(node, index.size());
        lowLink.put(node, index.get(node));
        stack.push(node);
        onStack.add(node);
        for (String next : uses(node)) {
            if (!index.containsKey(next)) {
                connect(next, index, lowLink, stack, onStack, components);
                lowLink.put(node, Math.min(lowLink.get(node), lowLink.get(next)));
            } else if (onStack.contains(next)) {
                lowLink.put(node, Math.min(lowLink.get(node), index.get(next)));
            }
        }
        if (lowLink.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            if (component.size() > 1) {
                components.add(component);
            }
        }
    }

    private void add(List<String> names) {
        String self = names.get(0);
        String from = packageOf(self);
        for (String name : names) {
            String to = packageOf(name);
            if (from.startsWith(rootPackage) && to.startsWith(rootPackage) && !from.equals(to)) {
                edges.computeIfAbsent(from, key -> new TreeMap<>()).putIfAbsent(to, self.replace('/', '.') + " uses " + name.replace('/', '.'));
            }
        }
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash).replace('/', '.');
    }
}

package dev.rigwatch.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The project's compose files run as a user runs them: {@code docker-compose} (Compose v1, what Debian has) or
 * {@code docker compose} (v2), under a project name of the test's and with host ports of its own, so that it never
 * meets another stack on this machine. Each command's output is in {@code target/containers/}.
 */
final class Compose implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofMinutes(6);

    private final String project;
    private final List<String> files;
    private final Map<String, String> env;
    private boolean up;

    Compose(String project, List<String> files, Map<String, String> env) {
        this.project = project;
        this.files = files;
        this.env = new TreeMap<>(env);
    }

    /** {@code up -d}: returns once every service is started, healthy or done as its dependants require. */
    void up() {
        up = true;
        run("up", "-d");
    }

    /** {@code down -v}: containers, networks and volumes gone. */
    void down() {
        run("down", "-v");
        up = false;
    }

    /** The id of a service's (first) container. */
    String containerId(String service) {
        return run("ps", "-q", service).lines().findFirst()
                .orElseThrow(() -> new IllegalStateException("no container of service " + service)).strip();
    }

    /** Containers and volumes Docker still has of this project. */
    List<String> leftovers() {
        List<String> left = new ArrayList<>();
        String label = "label=com.docker.compose.project=" + project;
        left.addAll(exec(List.of("docker", "ps", "-a", "-q", "--filter", label)).lines().toList());
        left.addAll(exec(List.of("docker", "volume", "ls", "-q", "--filter", label)).lines().toList());
        return left;
    }

    String run(String... args) {
        List<String> command = new ArrayList<>(composeCommand());
        command.add("-p");
        command.add(project);
        for (String file : files) {
            command.add("-f");
            command.add(file);
        }
        command.addAll(List.of(args));
        return exec(command);
    }

    /** Runs a command in the project's root with the stack's env; its output, or a failure with it. */
    String exec(List<String> command) {
        HostProcess result = HostProcess.run(command, env, TIMEOUT);
        ContainerLogs.append(ContainerLogs.of(project), "$ " + String.join(" ", command) + "\n" + result.output());
        return result.orFail(command).output();
    }

    /** The services' last log lines, for a failure's story. */
    void saveLogs() {
        try {
            ContainerLogs.append(ContainerLogs.of(project + "-services"), run("logs", "--no-color", "--tail", "200"));
        } catch (RuntimeException e) {
            System.err.println("could not save the services' logs: " + e.getMessage());
        }
    }

    private static List<String> composeCommand() {
        boolean v1 = System.getenv("PATH") != null && Arrays.stream(System.getenv("PATH").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "docker-compose")));
        return v1 ? List.of("docker-compose") : List.of("docker", "compose");
    }

    @Override
    public void close() {
        if (up) {
            saveLogs();
            down();
        }
    }
}

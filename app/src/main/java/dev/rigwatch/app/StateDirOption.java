package dev.rigwatch.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a streams stage keeps its local state (RocksDB stores, checkpoints): one subdirectory per stage. */
final class StateDirOption {

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "${sys:user.home}/.rigwatch",
            description = "Directory for local state, one subdirectory per stage.")
    Path stateDir;

    Path forStage(String stage) {
        return stateDir.resolve(stage + "-state");
    }
}

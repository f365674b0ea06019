package dev.rigwatch.bench;

import java.lang.management.ManagementFactory;

/** This process's CPU time, all threads: the cost of a measured run, whatever else the machine does meanwhile. */
final class ProcessCpu {

    private ProcessCpu() {
    }

    /** Nanoseconds of CPU this process has used, or 0 where the JVM cannot tell. */
    static long nanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? Math.max(0, os.getProcessCpuTime()) : 0;
    }
}

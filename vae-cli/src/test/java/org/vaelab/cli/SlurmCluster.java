package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Slurm cluster on 127.0.0.1 for integration tests: its own munged (own socket),
 * slurmctld and slurmd in the foreground, all stopped by PID. Needs Debian's slurm-wlm and munge,
 * and root (.ci/run installs them; without them the test is skipped locally and fails under CI).
 */
final class SlurmCluster implements AutoCloseable {
  private final Path dir;
  private final List<Process> daemons = new ArrayList<>();
  private final Map<String, String> env;

  private SlurmCluster(Path dir) {
    this.dir = dir;
    this.env = Map.of("SLURM_CONF", dir.resolve("slurm.conf").toString());
  }

  static SlurmCluster start(Path dir) throws Exception {
    boolean installed = Files.isExecutable(Path.of("/usr/sbin/slurmctld")) && Files.isExecutable(Path.of("/usr/sbin/munged"))
        && Files.isReadable(Path.of("/etc/munge/munge.key"));
    if (!installed) {
      Required.that(false, "Slurm is not installed (apt-get install slurm-wlm munge; .ci/run does it)");
    }
    SlurmCluster c = new SlurmCluster(Files.createDirectories(dir));
    try {
      c.boot();
    } catch (Exception | AssertionError e) {
      c.close();
      throw e;
    }
    return c;
  }

  Map<String, String> env() { return env; }

  private void boot() throws Exception {
    Files.createDirectories(dir.resolve("state"));
    Files.createDirectories(dir.resolve("spool"));
    String host = InetAddress.getLocalHost().getHostName().split("\\.")[0];
    Path socket = dir.resolve("munge.socket");
    Files.writeString(dir.resolve("slurm.conf"), String.join("\n",
        "ClusterName=vaelabtest", "SlurmctldHost=" + host + "(127.0.0.1)", "SlurmUser=root",
        "SlurmctldPort=" + freePort(), "SlurmdPort=" + freePort(), "AuthType=auth/munge", "AuthInfo=socket=" + socket,
        "StateSaveLocation=" + dir.resolve("state"), "SlurmdSpoolDir=" + dir.resolve("spool"),
        "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"), "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
        "ProctrackType=proctrack/linuxproc", "TaskPlugin=task/none", "JobAcctGatherType=jobacct_gather/none",
        "ReturnToService=2", "SchedulerType=sched/backfill", "SelectType=select/cons_tres",
        "SelectTypeParameters=CR_Core", "MpiDefault=none", "SlurmctldLogFile=" + dir.resolve("slurmctld.log"),
        "SlurmdLogFile=" + dir.resolve("slurmd.log"),
        "NodeName=" + host + " NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN",
        "PartitionName=debug Nodes=" + host + " Default=YES MaxTime=INFINITE State=UP", ""));
    daemon("munged", "--foreground", "--force", "--socket=" + socket, "--pid-file=" + dir.resolve("munged.pid"),
        "--log-file=" + dir.resolve("munged.log"), "--seed-file=" + dir.resolve("munged.seed"));
    waitFor(() -> Files.exists(socket), "munged socket");
    daemon("slurmctld", "-D", "-i");
    daemon("slurmd", "-D");
    waitFor(() -> run("sinfo", "-h", "-o", "%t").trim().equals("idle"), "an idle Slurm node");
  }

  private void daemon(String... cmd) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve(cmd[0] + ".out").toFile());
    pb.environment().putAll(env);
    daemons.add(pb.start());
  }

  /** Runs a Slurm client command and returns its output ("" if it fails). */
  String run(String... cmd) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.environment().putAll(env);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** Waits until no job is queued or running. */
  void waitUntilIdle() throws InterruptedException {
    waitFor(() -> run("squeue", "-h").isBlank() && !run("sinfo", "-h").isBlank(), "the queue to drain");
  }

  private void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 300_000;
    while (!condition.getAsBoolean()) {
      for (Process d : daemons) {
        if (!d.isAlive()) fail(what + ": a Slurm daemon died (exit " + d.exitValue() + "); see " + dir);
      }
      if (System.currentTimeMillis() > deadline) fail("timed out waiting for " + what + "; see " + dir);
      Thread.sleep(250);
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (int i = daemons.size() - 1; i >= 0; i--) {
      Process d = daemons.get(i);
      d.descendants().forEach(ProcessHandle::destroy);
      d.destroy();
      if (!d.waitFor(15, TimeUnit.SECONDS)) d.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}

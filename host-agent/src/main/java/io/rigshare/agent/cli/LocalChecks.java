package io.rigshare.agent.cli;

import io.rigshare.agent.config.DataDir;
import io.rigshare.agent.config.FilePermissions;
import io.rigshare.agent.config.NodeKeyStore;
import io.rigshare.agent.config.SetupException;
import io.rigshare.agent.hardware.ToolResult;
import io.rigshare.protocol.crypto.Keypair;
import io.rigshare.protocol.hardware.GpuInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@code doctor}'s checks of this machine. Each takes what it inspects as arguments, so tests feed it cases. */
final class LocalChecks {
  static final long GIB = 1L << 30;
  static final Path OPENCL_VENDORS = Path.of("/etc/OpenCL/vendors");
  static final List<Path> LIBRARY_DIRS = List.of(
      Path.of("/usr/lib/x86_64-linux-gnu"), Path.of("/usr/lib/aarch64-linux-gnu"), Path.of("/usr/lib64"),
      Path.of("/usr/lib"), Path.of("/usr/local/lib"));
  private static final String OPENCL_FIX =
      "install the GPU vendor's OpenCL ICD (NVIDIA ships one with the driver), or for CPU-only OpenCL:"
          + " apt-get install ocl-icd-libopencl1 pocl-opencl-icd";

  private LocalChecks() {}

  static Check java(Runtime.Version version) {
    return version.feature() >= 17
        ? Check.pass("java", "Java " + version + " (17 or newer required)")
        : Check.fail("java", "Java " + version + " is too old", "install Java 17 or newer");
  }

  static Check nvidia(ToolResult<GpuInfo> gpus) {
    if (!gpus.present()) {
      return Check.warn("nvidia-gpu", "no NVIDIA GPU detected (" + gpus.absentReason() + ")",
          "if this machine has an NVIDIA GPU, install its driver so that `nvidia-smi` lists it");
    }
    String names = gpus.values().stream().map(g -> g.index() + ": " + g.name()).collect(Collectors.joining(", "));
    String driver = gpus.values().get(0).driverVersion();
    return Check.pass("nvidia-gpu", names + (driver == null ? "" : "; driver " + driver));
  }

  static Check openCl(Path vendors, List<Path> libraryDirs, Predicate<Path> loads) {
    List<String> icds = icds(vendors);
    Optional<Path> library = libraryDirs.stream().map(d -> d.resolve("libOpenCL.so.1")).filter(Files::exists).findFirst();
    if (library.isEmpty()) {
      return Check.warn("opencl", "no OpenCL loader (libOpenCL.so.1) found", OPENCL_FIX);
    }
    if (!loads.test(library.get())) {
      return Check.warn("opencl", library.get() + " does not load", OPENCL_FIX);
    }
    if (icds.isEmpty()) {
      return Check.warn("opencl", "OpenCL loader present but no platform (no .icd in " + vendors + ")", OPENCL_FIX);
    }
    return Check.pass("opencl", library.get() + "; platforms: " + String.join(", ", icds));
  }

  /** Loads the library into this JVM, as an OpenCL binding would; false when it cannot be loaded. */
  static boolean loadsNatively(Path library) {
    try {
      System.load(library.toString());
      return true;
    } catch (UnsatisfiedLinkError | SecurityException e) {
      return false;
    }
  }

  private static List<String> icds(Path vendors) {
    if (!Files.isDirectory(vendors)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(vendors)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".icd")).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  static Check disk(Path dir, long usableBytes) {
    String detail = String.format("%.1f GiB free for %s", usableBytes / (double) GIB, dir);
    String fix = "free space on that file system, or choose another directory with --data-dir";
    if (usableBytes < GIB) {
      return Check.fail("disk", detail + " (at least 1 GiB needed)", fix);
    }
    if (usableBytes < 10 * GIB) {
      return Check.warn("disk", detail + " (under 10 GiB leaves little room for jobs)", fix);
    }
    return Check.pass("disk", detail);
  }

  /** Free space for the data directory, or its nearest existing parent when it does not exist yet. */
  static Check disk(Path dir) {
    Path existing = dir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    try {
      return disk(dir, Files.getFileStore(existing == null ? Path.of("/") : existing).getUsableSpace());
    } catch (IOException e) {
      return Check.fail("disk", "cannot read free space for " + dir + ": " + e.getMessage(), "check " + dir);
    }
  }

  static Check key(NodeKeyStore keys) {
    Path file = keys.file();
    if (!keys.exists()) {
      return Check.fail("node-key", "no node key at " + file,
          "register this machine: rigshare-agent register --api URL --token TOKEN");
    }
    Optional<Set<PosixFilePermission>> mode = keys.permissions();
    if (mode.isPresent() && !FilePermissions.ownerReadWriteOnly(mode.get())) {
      return Check.fail("node-key", file + " has mode " + FilePermissions.octal(mode.get())
          + "; only its owner may read it (0600)", "chmod 600 " + file);
    }
    try {
      Keypair key = keys.load();
      return Check.pass("node-key", file + ", mode " + mode.map(FilePermissions::octal).orElse("n/a")
          + ", address " + key.address());
    } catch (SetupException e) {
      return Check.fail("node-key", e.getMessage(), e.fix());
    }
  }

  static Check config(DataDir dir) {
    Path file = dir.config().file();
    if (!Files.exists(file)) {
      return Check.pass("config", "no " + file.getFileName() + " yet; defaults apply (it is created on first run)");
    }
    try {
      dir.config().load();
      return Check.pass("config", file + " is valid");
    } catch (SetupException e) {
      return Check.fail("config", e.getMessage(), e.fix());
    }
  }

  static List<Path> libraryDirs(String ldLibraryPath) {
    List<Path> dirs = new ArrayList<>();
    if (ldLibraryPath != null) {
      for (String part : ldLibraryPath.split(":")) {
        if (!part.isBlank()) {
          dirs.add(Path.of(part));
        }
      }
    }
    dirs.addAll(LIBRARY_DIRS);
    return dirs;
  }
}

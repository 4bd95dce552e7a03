package io.rigshare.protocol.hardware;

import java.util.Objects;

/**
 * The operating system.
 *
 * @param family e.g. "Ubuntu", "Debian GNU/Linux", "Windows"
 * @param version e.g. "22.04.5 LTS"
 * @param arch the JVM's {@code os.arch}, e.g. "amd64", "aarch64"
 */
public record OsInfo(String family, String version, String arch) {

  public OsInfo {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(arch, "arch");
  }
}

package io.rigshare.protocol.verify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Known GPUs and their spec-sheet figures (resource {@code gpus.csv}): peak FP32 (non-tensor) TFLOPS, memory bandwidth
 * and VRAM, from the vendors' public data sheets. Where variants of one name differ (clocks, memory size), the table
 * holds the higher figure: it bounds what a device of that name can plausibly measure. The server compares a node's
 * measurements and its challenge times with the entry for the model its hardware report claims.
 *
 * <p>Names are matched by regular expression (case-insensitive, anywhere in the name), first match wins, so the
 * table lists the more specific names first ("H100 PCIe" before "H100").
 */
public final class GpuCatalog {
  private static final GpuCatalog DEFAULT = load();

  private final List<KnownGpu> entries;

  GpuCatalog(List<KnownGpu> entries) {
    this.entries = List.copyOf(entries);
  }

  /** One model. */
  public record KnownGpu(
      Pattern pattern, String model, String vendor, double fp32Tflops, double bandwidthGBps, double vramGib) {

    /** The points ({@link BenchmarkScore#points}) a device running at its spec-sheet peak would earn. */
    public int peakPoints() {
      return BenchmarkScore.points(fp32Tflops * 1000, bandwidthGBps);
    }

    /** The least time C = A x B (2n³ operations) can take at the FP32 peak, in milliseconds. */
    public double minSgemmMillis(int n) {
      return 2.0 * n * n * (double) n / (fp32Tflops * 1e12) * 1000;
    }
  }

  /** The table shipped with this library. */
  public static GpuCatalog standard() {
    return DEFAULT;
  }

  public List<KnownGpu> entries() {
    return entries;
  }

  /** The entry for a device or hardware-report name, e.g. "NVIDIA GeForce RTX 4090"; empty when unknown. */
  public Optional<KnownGpu> lookup(String name) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    return entries.stream().filter(e -> e.pattern().matcher(name).find()).findFirst();
  }

  static GpuCatalog parse(InputStream csv) throws IOException {
    List<KnownGpu> entries = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      boolean header = true;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (header) {
          header = false; // pattern,model,vendor,fp32_tflops,bandwidth_gbps,vram_gib
          continue;
        }
        String[] f = line.split(",", -1);
        if (f.length != 6) {
          throw new IOException("gpus.csv line " + number + ": 6 fields expected: " + line);
        }
        entries.add(new KnownGpu(Pattern.compile(f[0].strip(), Pattern.CASE_INSENSITIVE), f[1].strip(), f[2].strip(),
            Double.parseDouble(f[3].strip()), Double.parseDouble(f[4].strip()), Double.parseDouble(f[5].strip())));
      }
    }
    return new GpuCatalog(entries);
  }

  private static GpuCatalog load() {
    try (InputStream csv = GpuCatalog.class.getResourceAsStream("gpus.csv")) {
      if (csv == null) {
        throw new IllegalStateException("gpus.csv is missing from the protocol jar");
      }
      return parse(csv);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

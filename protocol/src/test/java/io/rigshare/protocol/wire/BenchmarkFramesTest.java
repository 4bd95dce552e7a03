package io.rigshare.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The frames of docs/protocol.md section 10: they round-trip, and the documented examples decode. */
class BenchmarkFramesTest {
  private static final Instant T = Instant.parse("2026-11-23T10:00:00.123Z");

  private static Message.BenchmarkResult gpu() {
    return new Message.BenchmarkResult("NVIDIA GeForce RTX 4090", "NVIDIA Corporation", "NVIDIA CUDA", "550.54.14",
        "GPU", 0, "GPU-5d3e", "0000:01:00.0", 128, 2520, 25_393_692_672L, 8192,
        new Message.Measurement(52_000, 51_500, 52_600, 2.1, 5, true), true,
        new Message.Measurement(910, 905, 915, 1.1, 5, true), new Message.Measurement(24.1, 23.9, 24.3, 1.7, 5, true),
        23_622_320_128L, 3913, null, null, null);
  }

  @Test
  void everyNewFrameRoundTrips() {
    List<Message> messages = List.of(
        new Message.Benchmark(List.of(gpu()), 3913, null, 1, T, 41_250, "registration", null),
        new Message.Benchmark(List.of(), null, null, 1, T, 12, "schedule", "no OpenCL platform"),
        new Message.Verify("vfy-1", "0123456789abcdef", 4096, 0),
        new Message.Verify("vfy-2", "0123456789abcdef", 256, null),
        new Message.VerifyCommit("vfy-1", "ab".repeat(32), 182, 903, "NVIDIA GeForce RTX 4090"),
        new Message.VerifyOpen("vfy-1", List.of(17, 4001)),
        new Message.VerifyRows("vfy-1", List.of(new Message.OpenedRow(17, "AACAPw==", List.of("cd".repeat(32))))));
    for (Message message : messages) {
      Wire.Decoded decoded = Wire.decode(Wire.encode(message));
      assertThat(decoded.ok()).as(message.toString()).isTrue();
      assertThat(decoded.message()).isEqualTo(message);
    }
  }

  @Test
  void theDocumentedBenchmarkExampleDecodesAndScoresAsDocumented() {
    Message.Benchmark report = (Message.Benchmark) Wire.decode("""
        {"type": "benchmark", "score": 3913, "cpuScore": 20, "formulaVersion": 1, "ranAt": "2026-11-23T10:00:05.120Z",
         "durationMs": 41250, "trigger": "registration",
         "results": [
          {"device": "NVIDIA GeForce RTX 4090", "vendor": "NVIDIA Corporation", "platform": "NVIDIA CUDA",
           "driverVersion": "550.54.14", "kind": "GPU", "gpuIndex": 0, "gpuUuid": "GPU-5d3e…", "pciBusId": "0000:01:00",
           "computeUnits": 128, "clockMhz": 2520, "globalMemBytes": 25393692672, "sgemmN": 8192,
           "sgemmGflops": {"median": 52000.0, "min": 51500.0, "max": 52600.0, "spreadPercent": 2.1, "runs": 7, "stable": true},
           "sgemmVerified": true,
           "deviceBandwidthGBps": {"median": 910.0, "min": 905.0, "max": 915.0, "spreadPercent": 1.1, "runs": 5, "stable": true},
           "hostToDeviceGBps": {"median": 24.1, "min": 23.9, "max": 24.3, "spreadPercent": 1.7, "runs": 5, "stable": true},
           "allocatableVramBytes": 23622320128, "score": 3913},
          {"device": "pthread-skylake-avx512-AMD EPYC", "vendor": "AuthenticAMD", "platform": "Portable Computing Language",
           "driverVersion": "3.1+debian", "kind": "CPU", "computeUnits": 2, "clockMhz": 2596, "globalMemBytes": 8818741248,
           "sgemmN": 512,
           "sgemmGflops": {"median": 21.7, "min": 21.5, "max": 21.8, "spreadPercent": 1.5, "runs": 9, "stable": true},
           "sgemmVerified": true,
           "deviceBandwidthGBps": {"median": 61.8, "min": 58.0, "max": 63.1, "spreadPercent": 8.3, "runs": 100, "stable": false},
           "hostToDeviceGBps": {"median": 21.5, "min": 21.2, "max": 21.8, "spreadPercent": 2.7, "runs": 6, "stable": true},
           "cpuScore": 20, "note": "CPU device: not a GPU, never priced as one"}]}""").message();
    assertThat(report.results()).hasSize(2);
    Message.BenchmarkResult gpu = report.results().get(0);
    assertThat(gpu.score()).isEqualTo(io.rigshare.protocol.verify.BenchmarkScore.gpuScore(gpu.kind(),
        gpu.sgemmVerified(), gpu.allocatableVramBytes(), gpu.sgemmGflops().median(),
        gpu.deviceBandwidthGBps().median())).isEqualTo(report.score());
    Message.BenchmarkResult cpu = report.results().get(1);
    assertThat(cpu.score()).isNull();
    assertThat(cpu.cpuScore()).isEqualTo(io.rigshare.protocol.verify.BenchmarkScore.points(
        cpu.sgemmGflops().median(), cpu.deviceBandwidthGBps().median())).isEqualTo(report.cpuScore());
  }

  @Test
  void theDocumentedExamplesDecode() {
    assertThat(Wire.decode("""
        {"type": "verify", "id": "vfy-7c1e", "seed": "0123456789abcdef", "n": 4096, "gpuIndex": 0}""").message())
        .isEqualTo(new Message.Verify("vfy-7c1e", "0123456789abcdef", 4096, 0));
    assertThat(Wire.decode("""
        {"type": "verify-open", "id": "vfy-7c1e", "rows": [17, 4001]}""").message())
        .isEqualTo(new Message.VerifyOpen("vfy-7c1e", List.of(17, 4001)));
    assertThat(Wire.decode("""
        {"type": "verify-commit", "id": "vfy-7c1e", "root": "9d84", "computeMs": 182, "elapsedMs": 903,
         "device": "NVIDIA GeForce RTX 4090"}""").message())
        .isEqualTo(new Message.VerifyCommit("vfy-7c1e", "9d84", 182, 903, "NVIDIA GeForce RTX 4090"));
    assertThat(Wire.encode(new Message.VerifyOpen("v", List.of(1))))
        .isEqualTo("{\"type\":\"verify-open\",\"id\":\"v\",\"rows\":[1]}");
  }
}

package io.rigshare.protocol.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HardwareRecordsTest {

  private static final GpuInfo H100 =
      new GpuInfo(
          0,
          "nvidia",
          "NVIDIA H100 80GB HBM3",
          "GPU-00000000-0000-0000-0000-000000000000",
          81559,
          81081L,
          null,
          41,
          69.85,
          700.0,
          "590.48.01",
          "13.1",
          "nvidia-smi");

  private static HardwareReport report(List<DiskInfo> disks, List<GpuInfo> gpus) {
    return new HardwareReport(
        "rig-01",
        new OsInfo("Ubuntu", "22.04.5 LTS", "amd64"),
        new CpuInfo("AMD EPYC 7763 64-Core Processor", 64, 128, 3529),
        new MemoryInfo(540_000_000_000L, 500_000_000_000L),
        disks,
        gpus,
        Instant.parse("2026-07-14T08:12:38Z"));
  }

  @Test
  void listsAreCopiedSoTheCallerCannotChangeAReportAfterTheFact() {
    List<GpuInfo> gpus = new ArrayList<>(List.of(H100));
    HardwareReport report = report(null, gpus);
    gpus.clear();

    assertThat(report.gpus()).containsExactly(H100);
    assertThat(report.disks()).isEmpty();
    assertThatThrownBy(() -> report.gpus().add(H100))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void vendorAndSourceMustBeOneOfTheAgreedWords() {
    assertThatThrownBy(() -> withVendorAndSource("NVIDIA", "nvidia-smi"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("vendor");
    assertThatThrownBy(() -> withVendorAndSource("nvidia", "nvml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("source");
  }

  @Test
  void negativeSizesAreRejected() {
    assertThatThrownBy(() -> new DiskInfo("/", "ext4", -1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("totalBytes");
    assertThatThrownBy(() -> new GpuSample(-1, null, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void gpuInfoRoundTripsThroughPlainJacksonKeepingNulls() throws IOException {
    ObjectMapper mapper = new ObjectMapper();

    String json = mapper.writeValueAsString(H100);

    assertThat(json).contains("\"utilizationPercent\":null");
    assertThat(mapper.readValue(json, GpuInfo.class)).isEqualTo(H100);
  }

  @Test
  void reportRoundTripsThroughJacksonOnceTheMapperKnowsInstant() throws IOException {
    // The protocol module has no jackson-datatype-jsr310; a tiny Instant module stands in for the
    // JavaTimeModule that the real mappers register.
    ObjectMapper mapper = new ObjectMapper().registerModule(instantAsString());
    HardwareReport original = report(List.of(new DiskInfo("/", "ext4", 270_000_000_000L, 85L)), List.of(H100));

    String json = mapper.writeValueAsString(original);

    assertThat(mapper.readValue(json, HardwareReport.class)).isEqualTo(original);
  }

  private static GpuInfo withVendorAndSource(String vendor, String source) {
    return new GpuInfo(0, vendor, "x", null, 0, null, null, null, null, null, null, null, source);
  }

  private static SimpleModule instantAsString() {
    return new SimpleModule()
        .addSerializer(
            Instant.class,
            new JsonSerializer<>() {
              @Override
              public void serialize(Instant value, JsonGenerator gen, SerializerProvider p)
                  throws IOException {
                gen.writeString(value.toString());
              }
            })
        .addDeserializer(
            Instant.class,
            new JsonDeserializer<>() {
              @Override
              public Instant deserialize(JsonParser parser, DeserializationContext ctx)
                  throws IOException {
                return Instant.parse(parser.getValueAsString());
              }
            });
  }
}

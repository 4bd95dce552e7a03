package io.rigshare.agent.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.agent.hardware.NvidiaSmiParser.Parsed;
import io.rigshare.agent.hardware.NvidiaSmiParser.Row;
import io.rigshare.protocol.hardware.GpuInfo;
import io.rigshare.protocol.hardware.GpuSample;
import org.junit.jupiter.api.Test;

class NvidiaSmiParserTest {

  @Test
  void singleH100RowKeepsEveryColumn() {
    Parsed parsed = NvidiaSmiParser.parseQuery(Fixtures.read("nvidia-smi-query-h100.csv"));

    assertThat(parsed.rejectedLines()).isEmpty();
    assertThat(parsed.rows())
        .containsExactly(
            new Row(0, "NVIDIA H100 80GB HBM3", "GPU-00000000-0000-0000-0000-000000000000",
                81559L, 81081L, 0L, 0, 41, 69.85, 700.0, "590.48.01"));
  }

  @Test
  void eightA100RowsComeBackInIndexOrderWithTheirLoad() {
    Parsed parsed = NvidiaSmiParser.parseQuery(Fixtures.read("nvidia-smi-query-8x-a100.csv"));

    assertThat(parsed.rows()).extracting(Row::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    assertThat(parsed.rows()).extracting(Row::name).containsOnly("NVIDIA A100-SXM4-80GB");
    assertThat(parsed.rows()).extracting(Row::memoryTotalMib).containsOnly(81920L);
    Row busy = parsed.rows().get(2);
    assertThat(busy.memoryUsedMib()).isEqualTo(72297L);
    assertThat(busy.utilizationPercent()).isEqualTo(97);
    assertThat(busy.powerDrawW()).isEqualTo(324.0);
    assertThat(busy.uuid()).isEqualTo("GPU-00000000-0000-0000-0000-000000000002");
  }

  @Test
  void rowsAreSortedByIndexWhateverOrderTheyArriveIn() {
    String reversed =
        "1, Tesla T4, GPU-b, 15360, 15000, 360, 3, 40, 27.00, 70.00, 550.54.15\n"
            + "0, Tesla T4, GPU-a, 15360, 15360, 0, 0, 35, 9.00, 70.00, 550.54.15\n";

    assertThat(NvidiaSmiParser.parseQuery(reversed).rows()).extracting(Row::uuid)
        .containsExactly("GPU-a", "GPU-b");
  }

  @Test
  void migModeLeavesUtilizationNullNotZero() {
    Row row = NvidiaSmiParser.parseQuery(Fixtures.read("nvidia-smi-query-h100-mig.csv")).rows().get(0);

    assertThat(row.utilizationPercent()).isNull();
    assertThat(row.memoryUsedMib()).isEqualTo(59L);
    assertThat(row.temperatureC()).isEqualTo(42);
    assertThat(row.powerDrawW()).isEqualTo(71.15);
  }

  @Test
  void unifiedMemoryGb10HasNoFramebufferNumbersOrPowerLimit() {
    Row row = NvidiaSmiParser.parseQuery(Fixtures.read("nvidia-smi-query-gb10.csv")).rows().get(0);

    assertThat(row.name()).isEqualTo("NVIDIA GB10");
    assertThat(row.memoryTotalMib()).isNull();
    assertThat(row.memoryFreeMib()).isNull();
    assertThat(row.memoryUsedMib()).isNull();
    assertThat(row.powerLimitW()).isNull();
    assertThat(row.powerDrawW()).isEqualTo(5.04);
    assertThat(row.driverVersion()).isEqualTo("580.173.02");
    GpuInfo gpu = row.toGpuInfo("13.0");
    assertThat(gpu.memoryTotalMib()).isZero();
    assertThat(gpu.memoryFreeMib()).isNull();
  }

  @Test
  void everyNotAValueMarkerBecomesNull() {
    String line = "0, GeForce GTX TITAN X, [Not Supported], 12287, N/A, , [Unknown Error],"
        + " [Insufficient Permissions], [Not Supported], [N/A], 470.256.02";

    Row row = NvidiaSmiParser.parseQuery(line).rows().get(0);

    assertThat(row.uuid()).isNull();
    assertThat(row.memoryTotalMib()).isEqualTo(12287L);
    assertThat(row.memoryFreeMib()).isNull();
    assertThat(row.memoryUsedMib()).isNull();
    assertThat(row.utilizationPercent()).isNull();
    assertThat(row.temperatureC()).isNull();
    assertThat(row.powerDrawW()).isNull();
    assertThat(row.powerLimitW()).isNull();
  }

  @Test
  void unitsAndExtraSpacesAreTolerated() {
    // The same H100 row as printed without "nounits", padded.
    String withUnits = "  0 ,  NVIDIA H100 80GB HBM3 , GPU-0 , 81559 MiB, 81081 MiB, 0 MiB, 0 %, 41,"
        + " 69.85 W, 700.00 W, 590.48.01  ";

    Row row = NvidiaSmiParser.parseQuery(withUnits).rows().get(0);

    assertThat(row.name()).isEqualTo("NVIDIA H100 80GB HBM3");
    assertThat(row.memoryTotalMib()).isEqualTo(81559L);
    assertThat(row.powerLimitW()).isEqualTo(700.0);
    assertThat(row.driverVersion()).isEqualTo("590.48.01");
  }

  @Test
  void aCommaInTheNameIsFoldedBackWhenTheUuidColumnStillLooksLikeOne() {
    String line = "0, Quadro RTX 6000, Rev. B, GPU-1f1b65b3-e559-713a-e355-9dd901bfd8e6, 24576,"
        + " 24000, 576, 5, 33, 25.10, 260.00, 535.183.01";

    Row row = NvidiaSmiParser.parseQuery(line).rows().get(0);

    assertThat(row.name()).isEqualTo("Quadro RTX 6000, Rev. B");
    assertThat(row.uuid()).isEqualTo("GPU-1f1b65b3-e559-713a-e355-9dd901bfd8e6");
    assertThat(row.memoryTotalMib()).isEqualTo(24576L);
  }

  @Test
  void aMalformedLineFailsAloneAndTheOtherRowsSurvive() {
    String output = Fixtures.read("nvidia-smi-query-8x-a100.csv")
        + "Unable to determine the device handle for GPU0000:CA:00.0: GPU has fallen off the bus.\n"
        + "8, NVIDIA A100-SXM4-80GB, 81920\n";

    Parsed parsed = NvidiaSmiParser.parseQuery(output);

    assertThat(parsed.rows()).hasSize(8);
    assertThat(parsed.rejectedLines())
        .containsExactly(
            "Unable to determine the device handle for GPU0000:CA:00.0: GPU has fallen off the bus.",
            "8, NVIDIA A100-SXM4-80GB, 81920");
  }

  @Test
  void cudaVersionComesFromTheTableHeader() {
    assertThat(NvidiaSmiParser.parseCudaVersion(Fixtures.read("nvidia-smi-h100.txt"))).hasValue("13.1");
    assertThat(NvidiaSmiParser.parseCudaVersion(Fixtures.read("nvidia-smi-8x-a100.txt"))).hasValue("13.2");
  }

  @Test
  void cudaVersionSurvivesTheR610HeaderRename() {
    assertThat(NvidiaSmiParser.parseCudaVersion(Fixtures.read("nvidia-smi-r610.txt"))).hasValue("13.3");
  }

  @Test
  void cudaVersionNaOrMissingIsEmpty() {
    assertThat(NvidiaSmiParser.parseCudaVersion("| NVIDIA-SMI 540.4.0  Driver Version: 540.4.0  CUDA Version: N/A |"))
        .isEmpty();
    assertThat(NvidiaSmiParser.parseCudaVersion(Fixtures.read("nvidia-smi-driver-failure.txt"))).isEmpty();
  }

  @Test
  void driverFailureAndNoDevicesAreRecognisedAndYieldNoRows() {
    String driver = Fixtures.read("nvidia-smi-driver-failure.txt");
    String none = Fixtures.read("nvidia-smi-no-devices.txt");

    assertThat(NvidiaSmiParser.parseQuery(driver).rows()).isEmpty();
    assertThat(NvidiaSmiParser.failureMessage(driver))
        .hasValueSatisfying(line -> assertThat(line).startsWith("NVIDIA-SMI has failed because it couldn't communicate"));
    assertThat(NvidiaSmiParser.parseQuery(none).rows()).isEmpty();
    assertThat(NvidiaSmiParser.failureMessage(none)).hasValue("No devices were found");
    assertThat(NvidiaSmiParser.failureMessage(Fixtures.read("nvidia-smi-query-h100.csv"))).isEmpty();
  }

  @Test
  void rowsBecomeWireRecordsWithVendorSourceAndCuda() {
    Row row = NvidiaSmiParser.parseQuery(Fixtures.read("nvidia-smi-query-h100.csv")).rows().get(0);

    GpuInfo gpu = row.toGpuInfo("13.1");
    GpuSample sample = row.toSample();

    assertThat(gpu.vendor()).isEqualTo("nvidia");
    assertThat(gpu.source()).isEqualTo("nvidia-smi");
    assertThat(gpu.cudaVersion()).isEqualTo("13.1");
    assertThat(gpu.memoryFreeMib()).isEqualTo(81081L);
    assertThat(sample).isEqualTo(new GpuSample(0, "GPU-00000000-0000-0000-0000-000000000000", 0, 41, 0L, 81559L, 69.85));
  }
}

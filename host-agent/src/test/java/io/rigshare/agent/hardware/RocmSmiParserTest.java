package io.rigshare.agent.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rigshare.agent.hardware.RocmSmiParser.Card;
import io.rigshare.protocol.hardware.GpuInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class RocmSmiParserTest {

  @Test
  void radeonRx7900XtHasNameMemoryAndUse() {
    List<Card> cards = RocmSmiParser.parse(Fixtures.read("rocm-smi-rx7900xt.json"));

    assertThat(cards).hasSize(1);
    GpuInfo gpu = cards.get(0).toGpuInfo();
    assertThat(gpu.index()).isZero();
    assertThat(gpu.vendor()).isEqualTo("amd");
    assertThat(gpu.source()).isEqualTo("rocm-smi");
    assertThat(gpu.name()).isEqualTo("Radeon RX 7900 XT");
    assertThat(gpu.memoryTotalMib()).isEqualTo(20464); // 21458059264 B
    assertThat(gpu.memoryFreeMib()).isEqualTo(20437); // (21458059264 - 27856896) B
    assertThat(gpu.utilizationPercent()).isZero();
    assertThat(gpu.temperatureC()).isNull();
    assertThat(gpu.powerDrawW()).isNull();
    assertThat(gpu.cudaVersion()).isNull();
  }

  @Test
  void productNameOnlyOutputStillYieldsTheCard() {
    Card card = RocmSmiParser.parse(Fixtures.read("rocm-smi-mi250x-productname.json")).get(0);

    assertThat(card.name()).isEqualTo("AMD INSTINCT MI200 (MCM) OAM LC MBA HPE C2");
    assertThat(card.vramTotalBytes()).isNull();
    assertThat(card.usePercent()).isNull();
    assertThat(card.toGpuInfo().memoryTotalMib()).isZero();
  }

  @Test
  void apuOutputGivesTemperaturePowerAndDeviceNameButNoVram() {
    Card card = RocmSmiParser.parse(Fixtures.read("rocm-smi-780m.json")).get(0);

    assertThat(card.name()).isEqualTo("Phoenix3");
    assertThat(card.temperatureC()).isEqualTo(31);
    assertThat(card.powerW()).isEqualTo(7.222);
    assertThat(card.usePercent()).isEqualTo(19);
    assertThat(card.uniqueId()).isNull(); // printed as "N/A"
    assertThat(card.vramTotalBytes()).isNull();
    assertThat(card.toSample().memoryTotalMib()).isNull();
  }

  @Test
  void olderKeySpellingsAndTheSystemDriverVersionAreRead() {
    String older = """
        WARNING: one reading unsupported
        {"card1": {"Card series": "0x738c", "Card model": "Radeon Instinct MI100",
                   "Temperature (Sensor junction) (C)": "48.0",
                   "Average Graphics Package Power (W)": "128.0",
                   "Max Graphics Package Power (W)": "300.0"},
         "card0": {"Card series": "Vega 20"},
         "system": {"Driver version": "6.7.0"}}
        """;

    List<Card> cards = RocmSmiParser.parse(older);

    assertThat(cards).extracting(Card::index).containsExactly(0, 1);
    Card mi100 = cards.get(1);
    assertThat(mi100.name()).isEqualTo("Radeon Instinct MI100");
    assertThat(mi100.temperatureC()).isEqualTo(48);
    assertThat(mi100.powerW()).isEqualTo(128.0);
    assertThat(mi100.powerCapW()).isEqualTo(300.0);
    assertThat(mi100.driverVersion()).isEqualTo("6.7.0");
  }

  @Test
  void outputWithoutJsonIsRejectedAndEmptyJsonHasNoCards() {
    assertThatThrownBy(() -> RocmSmiParser.parse("ERROR: No AMD GPUs specified"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RocmSmiParser.parse("{\"card0\": "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(RocmSmiParser.parse("{}")).isEmpty();
  }
}

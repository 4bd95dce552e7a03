package io.rigshare.agent.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8ChunksTest {
  private final Utf8Chunks chunks = new Utf8Chunks();

  @Test
  void aCharacterSplitBetweenReadsIsCarriedToTheNextChunkWhole() {
    byte[] euro = "€".getBytes(StandardCharsets.UTF_8); // E2 82 AC

    assertThat(chunks.decode(new byte[] {'a', euro[0], euro[1]}, 0, 3)).isEqualTo("a");
    assertThat(chunks.carried()).isEqualTo(2);
    assertThat(chunks.decode(new byte[] {euro[2], 'b'}, 0, 2)).isEqualTo("€b");
    assertThat(chunks.carried()).isZero();
    assertThat(chunks.finish()).isEmpty();
  }

  @Test
  void fourByteCharactersSurviveASplitAfterAnyByte() {
    byte[] emoji = "😀".getBytes(StandardCharsets.UTF_8);
    for (int split = 1; split < 4; split++) {
      Utf8Chunks fresh = new Utf8Chunks();
      String first = fresh.decode(emoji, 0, split);
      String second = fresh.decode(emoji, split, 4 - split);
      assertThat(first + second).as("split after byte %d", split).isEqualTo("😀");
    }
  }

  @Test
  void malformedBytesBecomeReplacementCharacters() {
    assertThat(chunks.decode(new byte[] {'a', (byte) 0xFF, 'b', (byte) 0xC3, 'c'}, 0, 5)).isEqualTo("a\uFFFDb\uFFFDc");
  }

  @Test
  void anIncompleteCharacterAtTheEndOfTheStreamIsReplacedNotLost() {
    assertThat(chunks.decode(new byte[] {'x', (byte) 0xE2, (byte) 0x82}, 0, 3)).isEqualTo("x");
    assertThat(chunks.finish()).isEqualTo("\uFFFD");
    assertThat(chunks.carried()).isZero();
  }

  @Test
  void decodesOnlyTheGivenRange() {
    byte[] buffer = "..hello..".getBytes(StandardCharsets.UTF_8);
    assertThat(chunks.decode(buffer, 2, 5)).isEqualTo("hello");
  }
}

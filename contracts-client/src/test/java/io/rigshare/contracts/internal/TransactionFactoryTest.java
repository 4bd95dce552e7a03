package io.rigshare.contracts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rigshare.contracts.SolanaClient;
import io.rigshare.contracts.Transfer;
import io.rigshare.contracts.TransactionTooLargeException;
import io.rigshare.protocol.crypto.Base58;
import io.rigshare.protocol.crypto.Ed25519;
import io.rigshare.protocol.crypto.Keypair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.TransactionInstruction;

class TransactionFactoryTest {
  private static final String MINT = Fixtures.text("ready-line.json", "mint");
  private static final String MEMO = "rigshare:payout:batch-000042";
  private static final String BLOCKHASH = "HYw5654FMrdCZwHUD95MDvhowHbVGs2AvhfwbFvFeEgF";
  private static final Keypair TREASURY = Keypair.fromSeed(seed(7));

  private final TransactionFactory plain = new TransactionFactory(TREASURY, MINT, 6, 0, 0);
  private final TransactionFactory budgeted = new TransactionFactory(TREASURY, MINT, 6, 10_000, 200_000);

  @Test
  void derivesTheAssociatedTokenAccountsTheRuntimeCreated() {
    PublicKey mint = new PublicKey(MINT);
    String treasury = Fixtures.text("ready-line.json", "treasury");
    assertThat(TransactionFactory.associatedTokenAddress(new PublicKey(treasury), mint).toBase58())
        .isEqualTo(Fixtures.text("ready-line.json", "treasuryTokenAccount"));
    // The buyer's token account is account 1 of the captured deposit.
    String buyer = Fixtures.text("deposit-context.json", "buyer");
    String buyerAccount =
        Fixtures.json("getTransaction-deposit-json.json").at("/result/transaction/message/accountKeys/1").asText();
    assertThat(TransactionFactory.associatedTokenAddress(new PublicKey(buyer), mint).toBase58())
        .isEqualTo(buyerAccount);
  }

  @Test
  void nineteenTransfersWithAMemoFitAndTwentyDoNot() {
    assertThat(plain.size(MEMO, transfers(19))).isLessThanOrEqualTo(SolanaClient.MAX_TRANSACTION_BYTES);
    assertThat(plain.size(MEMO, transfers(20))).isGreaterThan(SolanaClient.MAX_TRANSACTION_BYTES);
  }

  @Test
  void eighteenFitWithComputeBudgetInstructionsAndNineteenDoNot() {
    assertThat(budgeted.size(MEMO, transfers(18))).isLessThanOrEqualTo(SolanaClient.MAX_TRANSACTION_BYTES);
    assertThat(budgeted.size(MEMO, transfers(19))).isGreaterThan(SolanaClient.MAX_TRANSACTION_BYTES);
  }

  @Test
  void eachFurtherRecipientCostsFortyNineBytes() {
    // A 32-byte key plus a compiled transferChecked: program index, 4 account indexes and 10 data bytes, 3 lengths.
    int[] sizes = IntStream.rangeClosed(1, 19).map(n -> plain.size(MEMO, transfers(n))).toArray();
    for (int i = 1; i < sizes.length; i++) {
      assertThat(sizes[i] - sizes[i - 1]).as("transfer %d", i + 1).isEqualTo(49);
    }
  }

  @Test
  void measuredSizeIsTheSignedWireLength() {
    for (int n : new int[] {1, 7, 19}) {
      TransactionFactory.Signed signed = plain.sign(MEMO, transfers(n), BLOCKHASH, "test");
      assertThat(signed.wire()).hasSize(plain.size(MEMO, transfers(n)));
    }
  }

  @Test
  void signedWireIsOneSignatureOverTheMessageByTheTreasury() {
    TransactionFactory.Signed signed = plain.sign(MEMO, transfers(3), BLOCKHASH, "test");
    byte[] wire = signed.wire();
    byte[] signature = Arrays.copyOfRange(wire, 1, 65);
    byte[] message = Arrays.copyOfRange(wire, 65, wire.length);

    assertThat(wire[0]).as("signature count").isEqualTo((byte) 1);
    assertThat(Base58.encode(signature)).isEqualTo(signed.signature());
    assertThat(Ed25519.verify(TREASURY.publicKey(), message, signature)).isTrue();
    assertThat(Arrays.copyOfRange(message, 0, 3)).as("header: 1 signer; read-only: 0 signed, 3 unsigned (mint, memo, token program)")
        .containsExactly(1, 0, 3);
    assertThat(Arrays.copyOfRange(message, 4, 36)).as("fee payer first").isEqualTo(TREASURY.publicKey());
    assertThat(new String(message, 0, message.length, java.nio.charset.StandardCharsets.ISO_8859_1))
        .contains(MEMO);
  }

  @Test
  void signingTheSameInputTwiceGivesTheSameBytes() {
    // Ed25519 is deterministic and nothing accumulates between calls (solanaj's Transaction.sign appends).
    assertThat(plain.sign(MEMO, transfers(2), BLOCKHASH, "t").wire())
        .isEqualTo(plain.sign(MEMO, transfers(2), BLOCKHASH, "t").wire());
  }

  @Test
  void computeBudgetInstructionsLeadWithLittleEndianLimitAndU64Price() {
    TransactionFactory large = new TransactionFactory(TREASURY, MINT, 6, 5_000_000_000L, 200_000);
    List<TransactionInstruction> header = large.header(MEMO);

    assertThat(header).hasSize(3);
    assertThat(header.get(0).getProgramId().toBase58()).isEqualTo("ComputeBudget111111111111111111111111111111");
    assertThat(header.get(0).getData()).containsExactly(2, 0x40, 0x0d, 0x03, 0x00);
    assertThat(header.get(1).getData())
        .containsExactly(3, 0x00, 0xf2, 0x05, 0x2a, 0x01, 0x00, 0x00, 0x00); // 5e9 > Integer.MAX_VALUE
    assertThat(header.get(2).getProgramId()).isEqualTo(TransactionFactory.MEMO_PROGRAM);
    assertThat(plain.header(MEMO)).hasSize(1);
  }

  @Test
  void planSplitsInOrderIntoTheLongestRunsThatFit() {
    List<Transfer> transfers = transferRecords(45);
    List<List<Transfer>> batches = plain.plan(transfers, plain::transfer, MEMO, "transfer");

    assertThat(batches).extracting(List::size).containsExactly(19, 19, 7);
    assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(transfers);
    assertThat(budgeted.plan(transfers, budgeted::transfer, MEMO, "transfer"))
        .extracting(List::size)
        .containsExactly(18, 18, 9);
    assertThat(plain.plan(List.of(), plain::transfer, MEMO, "transfer")).isEmpty();
  }

  @Test
  void aLongerMemoLeavesRoomForFewerTransfers() {
    String longMemo = "x".repeat(100);
    assertThat(plain.plan(transferRecords(19), plain::transfer, longMemo, "transfer"))
        .extracting(List::size)
        .containsExactly(17, 2);
  }

  @Test
  void aReferenceKeyCostsThirtyThreeBytes() {
    Transfer bare = Transfer.of(address(1), 5);
    Transfer referenced = bare.withReference(address(2));
    assertThat(plain.size(MEMO, List.of(plain.transfer(referenced))) - plain.size(MEMO, List.of(plain.transfer(bare))))
        .isEqualTo(33);
  }

  @Test
  void twelveTokenAccountCreationsFitPerTransactionWithAMemo() {
    // 74 bytes each (owner and account keys, a 10-byte compiled instruction); 13 without the memo.
    List<String> owners = IntStream.range(0, 30).mapToObj(TransactionFactoryTest::address).toList();
    assertThat(plain.plan(owners, plain::createTokenAccount, "rigshare:ata", "creation"))
        .extracting(List::size)
        .containsExactly(12, 12, 6);
  }

  @Test
  void refusesWhatCannotFitAndAnEmptyMemo() {
    String hugeMemo = "m".repeat(1_200);
    assertThatThrownBy(() -> plain.plan(transferRecords(1), plain::transfer, hugeMemo, "transfer"))
        .isInstanceOfSatisfying(
            TransactionTooLargeException.class, e -> assertThat(e.size()).isGreaterThan(e.limit()));
    assertThatThrownBy(() -> plain.sign(MEMO, transfers(20), BLOCKHASH, "20 transfers"))
        .isInstanceOf(TransactionTooLargeException.class)
        .hasMessageContaining("20 transfers needs 1274 bytes");
    assertThatThrownBy(() -> plain.header("")).isInstanceOf(IllegalArgumentException.class);
  }

  private List<TransactionInstruction> transfers(int count) {
    return transferRecords(count).stream().map(plain::transfer).toList();
  }

  private static List<Transfer> transferRecords(int count) {
    List<Transfer> transfers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      transfers.add(Transfer.of(address(100 + i), 1_000_000L + i));
    }
    return transfers;
  }

  private static String address(int n) {
    return Keypair.fromSeed(seed(n)).address();
  }

  private static byte[] seed(int n) {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) n);
    seed[0] = (byte) (n >> 8);
    return seed;
  }
}

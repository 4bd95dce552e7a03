package io.rigshare.contracts.internal;

import io.rigshare.contracts.SolanaClient;
import io.rigshare.contracts.Transfer;
import io.rigshare.contracts.TransactionTooLargeException;
import io.rigshare.protocol.crypto.Base58;
import io.rigshare.protocol.crypto.Keypair;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.p2p.solanaj.core.AccountMeta;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.TransactionInstruction;
import org.p2p.solanaj.programs.AssociatedTokenProgram;
import org.p2p.solanaj.programs.ComputeBudgetProgram;
import org.p2p.solanaj.programs.TokenProgram;
import org.p2p.solanaj.utils.ShortvecEncoding;

/**
 * Builds, measures and signs the treasury's legacy transactions with solanaj's instruction builders and message
 * serializer. Instruction order: SetComputeUnitLimit, SetComputeUnitPrice (each only when configured), the memo,
 * then the payload. Sizes are measured by serializing the real message, so they are exact.
 */
public final class TransactionFactory {
  /** 32 zero bytes: the size of a message does not depend on its blockhash. */
  private static final String SIZING_BLOCKHASH = "11111111111111111111111111111111";

  public static final PublicKey MEMO_PROGRAM = new PublicKey("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr");

  private static final byte SET_COMPUTE_UNIT_LIMIT = 2;
  private static final byte SET_COMPUTE_UNIT_PRICE = 3;

  private final Keypair signer;
  private final PublicKey payer;
  private final PublicKey mint;
  private final byte decimals;
  private final PublicKey sourceTokenAccount;
  private final long computeUnitPrice;
  private final int computeUnitLimit;

  public TransactionFactory(
      Keypair signer, String mint, int decimals, long computeUnitPrice, int computeUnitLimit) {
    if (decimals < 0 || decimals > 255) {
      throw new IllegalArgumentException("SPL decimals are a u8: " + decimals);
    }
    this.signer = signer;
    this.payer = new PublicKey(signer.publicKey());
    this.mint = new PublicKey(mint);
    this.decimals = (byte) decimals;
    this.sourceTokenAccount = associatedTokenAddress(payer, this.mint);
    this.computeUnitPrice = computeUnitPrice;
    this.computeUnitLimit = computeUnitLimit;
  }

  /** The signed wire bytes and the fee payer's signature (the transaction id). */
  public record Signed(byte[] wire, String signature) {}

  /** Owner's associated token account: the PDA of [owner, token program, mint] under the ATA program. */
  public static PublicKey associatedTokenAddress(PublicKey owner, PublicKey mint) {
    return PublicKey.findProgramAddress(
            List.of(owner.toByteArray(), TokenProgram.PROGRAM_ID.toByteArray(), mint.toByteArray()),
            AssociatedTokenProgram.PROGRAM_ID)
        .getAddress();
  }

  public PublicKey payer() {
    return payer;
  }

  public PublicKey mint() {
    return mint;
  }

  /** {@code transferChecked} from the treasury's token account; references ride along as read-only accounts. */
  public TransactionInstruction transfer(Transfer transfer) {
    PublicKey destination = associatedTokenAddress(new PublicKey(transfer.recipientOwner()), mint);
    TransactionInstruction checked =
        TokenProgram.transferChecked(
            sourceTokenAccount, destination, transfer.amount(), decimals, payer, mint);
    if (transfer.references().isEmpty()) {
      return checked;
    }
    List<AccountMeta> keys = new ArrayList<>(checked.getKeys());
    transfer.references().forEach(reference -> keys.add(new AccountMeta(new PublicKey(reference), false, false)));
    return new TransactionInstruction(checked.getProgramId(), keys, checked.getData());
  }

  /** {@code CreateIdempotent} for owner's associated token account, rent paid by the treasury. */
  public TransactionInstruction createTokenAccount(String owner) {
    return AssociatedTokenProgram.createIdempotent(payer, new PublicKey(owner), mint);
  }

  /** Compute-budget instructions (as configured) and the memo, which lead every transaction. */
  List<TransactionInstruction> header(String memo) {
    if (memo == null || memo.isEmpty()) {
      throw new IllegalArgumentException("every transaction carries a memo: it must not be empty");
    }
    List<TransactionInstruction> header = new ArrayList<>(3);
    if (computeUnitLimit > 0) {
      ByteBuffer data = ByteBuffer.allocate(5).order(ByteOrder.LITTLE_ENDIAN);
      data.put(SET_COMPUTE_UNIT_LIMIT).putInt(computeUnitLimit);
      header.add(new TransactionInstruction(ComputeBudgetProgram.PROGRAM_ID, List.of(), data.array()));
    }
    if (computeUnitPrice > 0) {
      // solanaj's setComputeUnitPrice takes an int; the instruction holds a u64.
      ByteBuffer data = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN);
      data.put(SET_COMPUTE_UNIT_PRICE).putLong(computeUnitPrice);
      header.add(new TransactionInstruction(ComputeBudgetProgram.PROGRAM_ID, List.of(), data.array()));
    }
    // SPL Memo v2 (solanaj's MemoProgram is v1), which checks that the listed signer signed.
    header.add(
        new TransactionInstruction(
            MEMO_PROGRAM, List.of(new AccountMeta(payer, true, false)), memo.getBytes(StandardCharsets.UTF_8)));
    return header;
  }

  /** The exact size of the signed transaction made of the header for {@code memo} and {@code payload}. */
  public int size(String memo, List<TransactionInstruction> payload) {
    List<TransactionInstruction> all = new ArrayList<>(header(memo));
    all.addAll(payload);
    return wireSize(message(all, SIZING_BLOCKHASH));
  }

  /**
   * Splits items, in order, into the longest runs whose transactions fit {@link SolanaClient#MAX_TRANSACTION_BYTES}.
   */
  public <T> List<List<T>> plan(
      List<T> items, Function<T, TransactionInstruction> toInstruction, String memo, String what) {
    List<TransactionInstruction> header = header(memo);
    List<List<T>> batches = new ArrayList<>();
    List<T> batch = new ArrayList<>();
    PayerMessage message = newMessage(header);
    for (T item : items) {
      TransactionInstruction instruction = toInstruction.apply(item);
      message.addInstruction(instruction);
      int size = wireSize(serialize(message, SIZING_BLOCKHASH));
      if (size <= SolanaClient.MAX_TRANSACTION_BYTES) {
        batch.add(item);
        continue;
      }
      if (batch.isEmpty()) {
        throw new TransactionTooLargeException(size, SolanaClient.MAX_TRANSACTION_BYTES, "one " + what);
      }
      batches.add(batch);
      batch = new ArrayList<>();
      message = newMessage(header);
      message.addInstruction(instruction);
      size = wireSize(serialize(message, SIZING_BLOCKHASH));
      if (size > SolanaClient.MAX_TRANSACTION_BYTES) {
        throw new TransactionTooLargeException(size, SolanaClient.MAX_TRANSACTION_BYTES, "one " + what);
      }
      batch.add(item);
    }
    if (!batch.isEmpty()) {
      batches.add(batch);
    }
    return batches;
  }

  /**
   * Serializes the message for {@code blockhash} and signs it with the treasury key.
   *
   * @throws TransactionTooLargeException if it exceeds {@link SolanaClient#MAX_TRANSACTION_BYTES}
   */
  public Signed sign(String memo, List<TransactionInstruction> payload, String blockhash, String what) {
    List<TransactionInstruction> all = new ArrayList<>(header(memo));
    all.addAll(payload);
    byte[] message = message(all, blockhash);
    int size = wireSize(message);
    if (size > SolanaClient.MAX_TRANSACTION_BYTES) {
      throw new TransactionTooLargeException(size, SolanaClient.MAX_TRANSACTION_BYTES, what);
    }
    byte[] signature = signer.sign(message);
    byte[] count = ShortvecEncoding.encodeLength(1);
    ByteBuffer wire = ByteBuffer.allocate(size);
    wire.put(count).put(signature).put(message);
    return new Signed(wire.array(), Base58.encode(signature));
  }

  private PayerMessage newMessage(List<TransactionInstruction> instructions) {
    PayerMessage message = new PayerMessage(payer);
    instructions.forEach(message::addInstruction);
    return message;
  }

  private byte[] message(List<TransactionInstruction> instructions, String blockhash) {
    return serialize(newMessage(instructions), blockhash);
  }

  private static byte[] serialize(PayerMessage message, String blockhash) {
    message.setRecentBlockHash(blockhash);
    byte[] bytes = message.serialize();
    if (bytes[0] != 1) {
      // Only the treasury signs: a second signer would mean an instruction asked for a key we do not hold.
      throw new IllegalStateException("message requires " + bytes[0] + " signatures, expected 1");
    }
    return bytes;
  }

  /** Signature count (short-vec), one 64-byte signature, the message. */
  static int wireSize(byte[] message) {
    return ShortvecEncoding.encodeLength(1).length + 64 + message.length;
  }
}

package io.rigshare.contracts;

import java.util.List;
import java.util.Optional;

/**
 * A JSON-RPC error answer from the Solana node, with its code kept (solanaj's {@code RpcException} keeps only the
 * message). For a failed preflight ({@link #SEND_TRANSACTION_PREFLIGHT_FAILURE}) {@link #transactionError()} holds the
 * transaction error as JSON ({@code "BlockhashNotFound"}, {@code {"InstructionError":[1,{"Custom":1}]}}) and
 * {@link #logs()} the program logs of the simulation.
 */
public class SolanaRpcException extends ContractsException {
  private static final long serialVersionUID = 1L;

  public static final int INVALID_PARAMS = -32602;
  public static final int METHOD_NOT_FOUND = -32601;
  public static final int SEND_TRANSACTION_PREFLIGHT_FAILURE = -32002;
  public static final int SIGNATURE_VERIFICATION_FAILURE = -32003;
  public static final int BLOCK_NOT_AVAILABLE = -32004;
  public static final int NODE_UNHEALTHY = -32005;

  private final int code;
  private final String rpcMessage;
  private final String data;
  private final String transactionError;
  private final List<String> logs;

  /**
   * @param data the error's {@code data} member as JSON text, or null
   * @param transactionError {@code data.err} as JSON text, or null
   * @param logs {@code data.logs}, empty when absent
   */
  public SolanaRpcException(
      String method, int code, String rpcMessage, String data, String transactionError, List<String> logs) {
    super(method + " failed: " + code + " " + rpcMessage);
    this.code = code;
    this.rpcMessage = rpcMessage;
    this.data = data;
    this.transactionError = transactionError;
    this.logs = List.copyOf(logs);
  }

  public int code() {
    return code;
  }

  /** The node's own message text. */
  public String rpcMessage() {
    return rpcMessage;
  }

  public Optional<String> data() {
    return Optional.ofNullable(data);
  }

  public Optional<String> transactionError() {
    return Optional.ofNullable(transactionError);
  }

  public List<String> logs() {
    return logs;
  }

  public boolean isPreflightFailure() {
    return code == SEND_TRANSACTION_PREFLIGHT_FAILURE;
  }

  /** The transaction already landed: resending its bytes did nothing, which is what exactly-once wants. */
  public boolean isAlreadyProcessed() {
    return isPreflightFailure() && "\"AlreadyProcessed\"".equals(transactionError);
  }

  /** The node no longer (or does not yet) know the transaction's blockhash. */
  public boolean isBlockhashNotFound() {
    return isPreflightFailure() && "\"BlockhashNotFound\"".equals(transactionError);
  }
}

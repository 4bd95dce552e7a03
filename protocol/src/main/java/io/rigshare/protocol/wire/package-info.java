/** The agent link: frames as records, their JSON encoding, and the exact bytes a node signs. See docs/protocol.md. */
package io.rigshare.protocol.wire;

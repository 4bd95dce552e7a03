/** The WebSocket gateway host agents connect to: handshake, heartbeats, limits, and cross-instance node events. */
package io.rigshare.marketplace.gateway;

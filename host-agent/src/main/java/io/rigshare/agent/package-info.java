/**
 * The Rigshare host agent. {@link io.rigshare.agent.AgentMain} is the command line; {@code agent.cli} holds the
 * commands, {@code agent.config} the files, {@code agent.link} the WebSocket link, {@code agent.hardware} detection.
 */
package io.rigshare.agent;

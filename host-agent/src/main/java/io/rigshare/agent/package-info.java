/**
 * The Rigshare host agent. {@link io.rigshare.agent.AgentMain} is the command line; {@code agent.cli} holds the
 * commands, {@code agent.config} the files, {@code agent.link} the WebSocket link, {@code agent.hardware} detection,
 * {@code agent.jobs} the jobs the server assigns.
 */
package io.rigshare.agent;

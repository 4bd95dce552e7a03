/**
 * The agent's files: the data directory ({@link io.rigshare.agent.config.DataDir}), the host's editable settings
 * ({@link io.rigshare.agent.config.AgentConfigFile}), the node key ({@link io.rigshare.agent.config.NodeKeyStore},
 * refused when others can read it) and small JSON state files, all written atomically with mode 0600.
 */
package io.rigshare.agent.config;

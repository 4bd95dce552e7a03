/**
 * The {@code rigshare-agent} commands ({@code register}, {@code run}, {@code status}, {@code doctor}, {@code benchmark})
 * with their exit codes ({@link io.rigshare.agent.cli.ExitCodes}) and what they print; the link itself lives in {@code agent.link},
 * the files in {@code agent.config}.
 */
package io.rigshare.agent.cli;
